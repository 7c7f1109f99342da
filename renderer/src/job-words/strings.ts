// How a download's errors and notes are said, for every feature that shows them. Each such
// feature spreads these into its own strings (features never import each other), so its own t
// says them and a reason inside them. Chinese written for Chinese readers, not word for word.
import { ERROR_STRINGS } from '../../../shared/words/error-strings';
import type { Strings } from '../i18n/i18n';

export const JOB_WORDS: Strings = {
  en: {
    error: ERROR_STRINGS.en,
    note: {
      restarted: 'Restarted from zero: {{reason}}.',
      throttled: 'The server answered {{status}}; using fewer connections to it.',
      addressChanged: 'New address {{url}}: the bytes already downloaded are kept if the file there is the same.',
      mirror: '{{reason}} at {{from}}; continuing from the mirror {{to}}.',
      // Two counts, two plurals: the files extracted are nested with their own count.
      extractSkipped_one: 'Extracted $t(note.extractedFiles, {"count": {{entries}} }); skipped {{count, number}} link or special file.',
      extractSkipped_other: 'Extracted $t(note.extractedFiles, {"count": {{entries}} }); skipped {{count, number}} links or special files.',
      extractedFiles_one: '{{count, number}} file',
      extractedFiles_other: '{{count, number}} files',
      notExtracted: 'Not extracted: {{reason}}',
      extractCancelled: 'Extraction was cancelled; the downloaded archive is kept.',
      text: '{{text}}',
    },
    cause: {
      rangeIgnored: 'the server ignored the byte range and sent the whole file',
      rangeRefused: 'the server refused the byte range (HTTP 416); the file probably changed',
      changedEtag: 'the file changed on the server (ETag {{before}} → {{after}})',
      changedLastModified: 'the file changed on the server (Last-Modified {{before}} → {{after}})',
      changedSize: 'the file changed on the server (size {{before}} → {{after}})',
      unexpectedStatus: 'the server answered a range request with status {{status}}',
      noContentRange: 'the server answered a range request without a valid Content-Range',
      wrongStart: 'the server sent bytes from {{got, number}} instead of {{want, number}}',
      notResumable: 'the server does not support resuming this download',
      partMissing: 'the partial file was missing',
      partShort: 'the partial file is shorter than what was recorded',
    },
  },
  'zh-CN': {
    error: ERROR_STRINGS['zh-CN'],
    note: {
      restarted: '已从头重新下载：{{reason}}。',
      throttled: '服务器返回了 {{status}}，已减少与它的连接数。',
      addressChanged: '已改用新地址 {{url}}：如果那里的文件相同，已下载的部分会保留。',
      mirror: '从 {{from}} 下载失败（{{reason}}），已改用备用地址 {{to}} 继续下载。',
      extractSkipped_other: '已解压 $t(note.extractedFiles, {"count": {{entries}} })，跳过了 {{count, number}} 个链接或特殊文件。',
      extractedFiles_other: '{{count, number}} 个文件',
      notExtracted: '未解压：{{reason}}',
      extractCancelled: '解压已取消，已下载的压缩包仍然保留。',
      text: '{{text}}',
    },
    cause: {
      rangeIgnored: '服务器忽略了分段请求，发来了整个文件',
      rangeRefused: '服务器拒绝了分段请求（HTTP 416），文件可能已经更改',
      changedEtag: '服务器上的文件已更改（ETag：{{before}} → {{after}}）',
      changedLastModified: '服务器上的文件已更改（最后修改时间：{{before}} → {{after}}）',
      changedSize: '服务器上的文件已更改（大小：{{before}} → {{after}}）',
      unexpectedStatus: '服务器对分段请求返回了意外的状态码 {{status}}',
      noContentRange: '服务器响应分段请求时没有给出有效的 Content-Range',
      wrongStart: '服务器发来的数据从 {{got, number}} 字节处开始，而不是 {{want, number}} 字节处',
      notResumable: '服务器不支持断点续传',
      partMissing: '下载的临时文件已丢失',
      partShort: '下载的临时文件比记录的短',
    },
  },
};
