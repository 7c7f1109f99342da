// Applies the prefs' theme, density and language to the document: "system" follows the
// operating system (or browser) and changes with it.
import { useEffect } from 'react';
import { setLanguage, systemLanguage } from '../i18n/i18n';
import { useApp } from '../store';

export function useAppearance(): void {
  const theme = useApp((s) => s.prefs.theme);
  const density = useApp((s) => s.prefs.density);
  const language = useApp((s) => s.prefs.language);

  useEffect(() => {
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      document.documentElement.dataset.theme = theme === 'system' ? (dark.matches ? 'dark' : 'light') : theme;
    };
    apply();
    dark.addEventListener('change', apply);
    return () => dark.removeEventListener('change', apply);
  }, [theme]);

  useEffect(() => {
    document.documentElement.dataset.density = density;
  }, [density]);

  useEffect(() => {
    void setLanguage(language === 'system' ? systemLanguage() : language);
  }, [language]);
}
