// A reason in the reader's language.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reason } from './line-reasons';

export function useReasonText(): (reason: Reason) => string {
  const { t } = useTranslation('addDialog');
  return useCallback((reason: Reason) => t(`reasons.${reason.key}`, { detail: reason.detail ?? '' }), [t]);
}
