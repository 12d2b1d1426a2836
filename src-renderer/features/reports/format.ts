import { format } from 'date-fns';
import type { TFunction } from 'i18next';

/** An instant in the branch's local time, as it is read on a wall clock. */
export const formatInstant = (iso: string | null) => (iso ? format(new Date(iso), 'yyyy-MM-dd HH:mm') : '—');

/** Minutes of work as hours and minutes in the UI language: '1 小时 30 分' / '1 h 30 min'. */
export function formatMinutes(t: TFunction, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('reportsUi.durationMinutes', { minutes: rest });
  return rest === 0 ? t('reportsUi.durationHours', { hours }) : t('reportsUi.duration', { hours, minutes: rest });
}
