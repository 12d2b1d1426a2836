import { Button, Form, Input, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimeRange } from '../../../src-shared/domain/working-calendar';

interface Props {
  /** What the ranges are for, read before each field: '周六', '调休日'. */
  day: string;
  ranges: TimeRange[];
  onChange(ranges: TimeRange[]): void;
  /** The message for one range (by index), from the refused save. */
  rangeError(index: number): string | undefined;
}

/** One day's business hours as 'HH:mm' ranges, typed from the keyboard; no range means closed. */
export function RangesEditor({ day, ranges, onChange, rangeError }: Props) {
  const { t } = useTranslation();
  const change = (index: number, part: keyof TimeRange, value: string) => onChange(ranges.map((r, i) => (i === index ? { ...r, [part]: value } : r)));
  const add = () => {
    const last = ranges.at(-1);
    onChange([...ranges, last ? { start: last.end, end: last.end } : { start: '09:00', end: '17:00' }]);
  };
  return (
    <Space wrap align="start" size={[8, 0]}>
      {ranges.length === 0 && <Tag>{t('settingsUi.closed')}</Tag>}
      {ranges.map((range, i) => {
        const n = i + 1;
        const error = rangeError(i);
        return (
          <Form.Item key={i} style={{ marginBottom: 4 }} validateStatus={error ? 'error' : undefined} help={error}>
            <Space.Compact>
              <Input aria-label={t('settingsUi.rangeStart', { day, n })} placeholder="08:30" style={{ width: 70 }} value={range.start} onChange={(e) => change(i, 'start', e.target.value)} />
              <Input aria-label={t('settingsUi.rangeEnd', { day, n })} placeholder="17:30" style={{ width: 70 }} value={range.end} onChange={(e) => change(i, 'end', e.target.value)} />
              <Button aria-label={t('settingsUi.removeRange', { day, n })} onClick={() => onChange(ranges.filter((_r, j) => j !== i))}>
                ×
              </Button>
            </Space.Compact>
          </Form.Item>
        );
      })}
      <Button aria-label={t('settingsUi.addRangeTo', { day })} onClick={add}>
        {t('settingsUi.addRange')}
      </Button>
    </Space>
  );
}
