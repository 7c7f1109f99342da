// The page a browser gets without the token (or from a name or page that is not this server's):
// plain words on how to get in, in both of Haul's languages, with no script and no style.

const REASONS = {
  token: {
    en: 'This page needs the address that <code>haul serve</code> prints, with its access token.',
    zh: '打开此页面需要 <code>haul serve</code> 输出的地址（含访问令牌）。',
  },
  foreign: {
    en: 'Haul answers only to the address it prints, opened directly in the browser.',
    zh: 'Haul 只响应它输出的地址，请直接在浏览器中打开。',
  },
} as const;

export function deniedPage(reason: keyof typeof REASONS): string {
  const r = REASONS[reason];
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Haul: open the printed address</title></head>
<body>
<h1>Open Haul with its address</h1>
<p>${r.en}</p>
<p>Run <code>haul serve</code> on the computer where Haul runs, then open the address it prints
(<code>http://127.0.0.1:6801/?token=…</code>) in this browser. The token is also kept in the file
<code>serve-token</code> in Haul's data folder.</p>
<h2 lang="zh-CN">请用 Haul 输出的地址打开</h2>
<p lang="zh-CN">${r.zh}</p>
<p lang="zh-CN">在运行 Haul 的电脑上执行 <code>haul serve</code>，然后在此浏览器中打开它输出的地址
（<code>http://127.0.0.1:6801/?token=…</code>）。令牌也保存在 Haul 数据文件夹中的 <code>serve-token</code> 文件里。</p>
</body>
</html>
`;
}
