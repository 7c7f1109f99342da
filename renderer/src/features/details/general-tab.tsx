// The General tab: where the download comes from and goes, its size and options, what checking
// and extracting found, and the error with its code (the engine's English message on hover).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatSpeed } from '../../../../shared/format';
import type { JobDetail } from '../../../../shared/models/job-row';
import { errorWords } from '../../../../shared/words/error-words';
import { noteWords } from '../../job-words/note-words';
import { say } from '../../job-words/words';

const ALGO_NAMES = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Digest({ label, hex }: { label: string; hex: string }) {
  return (
    <span className="details-digest">
      <span className="details-digest-label">{label}</span> <code>{hex}</code>
    </span>
  );
}

function useChecksumText(detail: JobDetail): string {
  const { t } = useTranslation('details');
  if (detail.checksum) return t(detail.checksum.ok ? 'general.checksumOk' : 'general.checksumBad', { algo: ALGO_NAMES[detail.checksum.algo] });
  if (detail.options.checksum) return t('general.checksumPending', { algo: ALGO_NAMES[detail.options.checksum.algo] });
  if (detail.options.checksumUrl) return t('general.checksumFromUrl', { url: detail.options.checksumUrl });
  return t('general.none');
}

export function GeneralTab({ detail }: { detail: JobDetail }) {
  const { t, i18n } = useTranslation('details');
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  const exact = detail.total !== null ? new Intl.NumberFormat(i18n.language).format(detail.total) : null;
  const checksum = useChecksumText(detail);
  const mirrors = detail.options.mirrors ?? [];
  return (
    <dl className="details-fields">
      {detail.error && (
        <Row label={t('general.error')}>
          <span className="details-error" title={detail.error.message}>
            {say(t, errorWords(detail.error))} <code className="details-code">{detail.error.code}</code>
          </span>
        </Row>
      )}
      {detail.note && <Row label={t('general.note')}>{say(t, noteWords(detail.note))}</Row>}
      <Row label={t('general.url')}>
        <span className="details-long">{detail.url}</span>
      </Row>
      {detail.finalUrl && detail.finalUrl !== detail.url && (
        <Row label={t('general.finalUrl')}>
          <span className="details-long">{detail.finalUrl}</span>
        </Row>
      )}
      {mirrors.length > 0 && (
        <Row label={t('general.mirrors')}>
          {mirrors.map((m) => (
            <span key={m} className="details-long">{m}</span>
          ))}
        </Row>
      )}
      <Row label={t('general.folder')}>
        <span className="details-long">{detail.dir}</span>
      </Row>
      <Row label={t('general.file')}>{detail.name ?? '—'}</Row>
      <Row label={t('general.size')}>
        <span className="tabular">
          {formatBytes(detail.total)}
          {exact && detail.total! >= 1024 && <span className="details-faint"> ({exact} B)</span>}
        </span>
      </Row>
      <Row label={t('general.received')}>
        <span className="tabular">{formatBytes(detail.received)}</span>
      </Row>
      <Row label={t('general.connections')}>
        <span className="tabular">
          {detail.activeConnections} / {detail.options.connections}
        </span>
      </Row>
      <Row label={t('general.speedLimit')}>{detail.options.speedLimit ? formatSpeed(detail.options.speedLimit) : t('general.noLimit')}</Row>
      <Row label={t('general.resumable')}>{t(detail.resumable ? 'general.yes' : 'general.no')}</Row>
      <Row label={t('general.checksum')}>
        <span className="details-checksum" data-ok={detail.checksum ? String(detail.checksum.ok) : undefined}>
          {checksum}
        </span>
        {/* The digests themselves: the file's, and what it should have been when they differ. */}
        {detail.checksum && <Digest label={t('general.digestActual')} hex={detail.checksum.hex} />}
        {detail.options.checksum && !detail.checksum?.ok && <Digest label={t('general.digestExpected')} hex={detail.options.checksum.hex} />}
      </Row>
      <Row label={t('general.extraction')}>
        {detail.extractedTo ? <span className="details-long">{t('general.extractedTo', { path: detail.extractedTo })}</span> : t(detail.options.extract ? 'general.extractPending' : 'general.extractOff')}
      </Row>
      <Row label={t('general.added')}>{when.format(detail.createdAt)}</Row>
      <Row label={t('general.completed')}>{detail.completedAt ? when.format(detail.completedAt) : t('general.notYet')}</Row>
    </dl>
  );
}
