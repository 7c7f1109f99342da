// Dates in the list, formatted for the chosen language: today's as a time, this year's with the
// day, older ones with the year (and no time: the column stays narrow).
const cache = new Map<string, { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat; older: Intl.DateTimeFormat; number: Intl.NumberFormat }>();

function formats(language: string) {
  let f = cache.get(language);
  if (!f) {
    f = {
      time: new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }),
      date: new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
      older: new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric' }),
      number: new Intl.NumberFormat(language),
    };
    cache.set(language, f);
  }
  return f;
}

export function formatWhen(ms: number | null, language: string, now = Date.now()): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const today = new Date(now);
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  const f = formats(language);
  return (sameDay ? f.time : d.getFullYear() === today.getFullYear() ? f.date : f.older).format(d);
}

export function formatCount(n: number, language: string): string {
  return formats(language).number.format(n);
}
