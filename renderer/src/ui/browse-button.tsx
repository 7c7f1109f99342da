// "Browse…" beside a folder field, for transports with a native folder picker: the caller asks
// the picker and gets the folder chosen, or nothing when the person cancelled.
import { FolderOpen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';

export function BrowseButton({ onPick, disabled }: { onPick(): Promise<string | null | undefined>; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button icon={<FolderOpen size={15} aria-hidden />} disabled={disabled} onClick={() => void onPick()}>
      {t('browse')}
    </Button>
  );
}
