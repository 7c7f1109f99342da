// The quick global limit: one click turns settings.globalSpeedLimit on at the last value used (or
// off); the arrow beside it picks a value.
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Check, ChevronDown, Gauge } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSpeed } from '../../../../shared/format';
import { useApp, useAppStore } from '../../store';
import { IconButton } from '../../ui/button';
import '../../ui/menu.css';

const KEY = 'haul.lastSpeedLimit';
const MIB = 1024 * 1024;
const DEFAULT_LIMIT = 5 * MIB;
const PRESETS = [512 * 1024, MIB, 2 * MIB, 5 * MIB, 10 * MIB, 20 * MIB, 50 * MIB];

function remembered(): number {
  const n = Number(globalThis.localStorage?.getItem(KEY)); // none where the first screen is drawn on a server
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_LIMIT;
}

export function SpeedLimit() {
  const { t } = useTranslation('toolbar');
  const store = useAppStore();
  const limit = useApp((s) => s.settings?.globalSpeedLimit ?? null);
  const known = useApp((s) => s.settings !== null);

  // Whatever set it (this button, the settings dialog), the last limit is the one to come back to.
  useEffect(() => {
    if (limit !== null) localStorage.setItem(KEY, String(limit));
  }, [limit]);

  const set = (value: number | null): void => void store.run('settings.set', { globalSpeedLimit: value });
  const on = limit !== null;
  const rate = formatSpeed(limit ?? remembered());

  return (
    <div className="limit-split">
      <IconButton label={on ? t('limitOff', { rate }) : t('limitOn', { rate })} pressed={on} disabled={!known} onClick={() => set(on ? null : remembered())}>
        <Gauge size={17} aria-hidden />
        {on && <span className="limit-value tabular">{rate}</span>}
      </IconButton>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger asChild disabled={!known}>
          <button type="button" className="limit-more" aria-label={t('limitChoose')}>
            <ChevronDown size={13} aria-hidden />
          </button>
        </DropdownMenu.Trigger>
        {/* Not portalled: kept inside the toolbar's landmark (axe: region). */}
        <DropdownMenu.Content className="menu" align="end" sideOffset={6} aria-label={t('limitChoose')}>
            <DropdownMenu.RadioGroup value={String(limit ?? 'none')} onValueChange={(v) => set(v === 'none' ? null : Number(v))}>
              <DropdownMenu.RadioItem className="menu-item" value="none">
                <span className="menu-check">
                  <DropdownMenu.ItemIndicator>
                    <Check size={14} aria-hidden />
                  </DropdownMenu.ItemIndicator>
                </span>
                {t('limitNone')}
              </DropdownMenu.RadioItem>
              {PRESETS.map((p) => (
                <DropdownMenu.RadioItem key={p} className="menu-item" value={String(p)}>
                  <span className="menu-check">
                    <DropdownMenu.ItemIndicator>
                      <Check size={14} aria-hidden />
                    </DropdownMenu.ItemIndicator>
                  </span>
                  <span className="tabular">{t('limitTo', { rate: formatSpeed(p) })}</span>
                </DropdownMenu.RadioItem>
              ))}
            </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Root>
    </div>
  );
}
