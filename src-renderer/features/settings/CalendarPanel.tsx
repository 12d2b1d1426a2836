import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../src-shared/contract/errors';
import type { IsoWeekday, TimeRange, WorkingCalendar } from '../../../src-shared/domain/working-calendar';
import { errorText } from '../../app/error-text';
import { useAppStore } from '../../store/store-context';
import { fieldMessages } from './field-message';
import { RangesEditor } from './RangesEditor';

// antd's form styles stretch a legend across the fieldset with a rule under it; here it sits in the border.
const LEGEND = { width: 'auto', border: 0, margin: 0, padding: '0 4px', fontSize: 14 } as const;
const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

interface Draft {
  timeZone: string;
  weekly: Record<IsoWeekday, TimeRange[]>;
  makeUpHours: TimeRange[];
  /** Dates as typed, one a line (commas and spaces also separate them). */
  holidays: string;
  makeUpWorkdays: string;
}

const toDraft = (c: WorkingCalendar): Draft => ({ timeZone: c.timeZone, weekly: { ...c.weekly }, makeUpHours: c.makeUpHours, holidays: c.holidays.join('\n'), makeUpWorkdays: c.makeUpWorkdays.join('\n') });
const dateList = (typed: string) => typed.split(/[\s,，、;；]+/).filter(Boolean);
const trimmed = (ranges: TimeRange[]) => ranges.map((r) => ({ start: r.start.trim(), end: r.end.trim() }));
const fromDraft = (d: Draft): WorkingCalendar => ({
  timeZone: d.timeZone.trim(),
  weekly: Object.fromEntries(WEEKDAYS.map((w) => [w, trimmed(d.weekly[w])])) as WorkingCalendar['weekly'],
  holidays: dateList(d.holidays),
  makeUpWorkdays: dateList(d.makeUpWorkdays),
  makeUpHours: trimmed(d.makeUpHours),
});

/** 营业时间、节假日与调休: business hours per weekday, public holidays, 调休 days and their hours. */
export function CalendarPanel() {
  const { t } = useTranslation();
  const calendar = useAppStore((s) => s.calendar);
  const loadCalendar = useAppStore((s) => s.loadCalendar);
  const saveCalendar = useAppStore((s) => s.saveCalendar);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const fields = fieldMessages(t, failure);

  useEffect(() => void loadCalendar(), [loadCalendar]);
  // The saved calendar replaces the draft; a refused save leaves the draft as typed.
  useEffect(() => setDraft(calendar ? toDraft(calendar) : null), [calendar]);
  if (!draft) return null;

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setSaved(false);
    const error = await saveCalendar(fromDraft(draft));
    setBusy(false);
    setFailure(error);
    setSaved(!error);
  };
  const datesHelp = (name: 'holidays' | 'makeUpWorkdays') => {
    const message = fields.message(`calendar.${name}`);
    if (!message) return undefined;
    const list = dateList(draft[name]);
    const bad = (failure?.details?.fields ?? []).filter((f) => f.path.startsWith(`calendar.${name}.`)).map((f) => list[Number(f.path.split('.')[2])]);
    return bad.length > 0 ? `${message}（${bad.join('、')}）` : message;
  };
  const weekday = (w: IsoWeekday) => t(`settingsUi.weekdays.${w}`);

  return (
    <section aria-labelledby="calendar-title">
      <Typography.Title level={4} id="calendar-title">
        {t('settingsUi.calendar')}
      </Typography.Title>
      <Form layout="vertical" component="div">
        <form
          aria-label={t('settingsUi.calendar')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset className="inline-fieldset">
            <legend style={LEGEND}>{t('settingsUi.businessHours')}</legend>
            {fields.message('calendar.weekly', true) && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={fields.message('calendar.weekly', true)} />}
            {WEEKDAYS.map((w) => (
              <div key={w} className="calendar-row" role="group" aria-label={weekday(w)} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginBottom: 4 }}>
                <Typography.Text style={{ width: 90, flex: 'none', lineHeight: '24px' }}>{weekday(w)}</Typography.Text>
                <RangesEditor
                  day={weekday(w)}
                  ranges={draft.weekly[w]}
                  onChange={(ranges) => setDraft((d) => d && { ...d, weekly: { ...d.weekly, [w]: ranges } })}
                  rangeError={(i) => fields.message(`calendar.weekly.${w}.${i}`)}
                />
                {fields.message(`calendar.weekly.${w}`, true) && <Typography.Text type="danger">{fields.message(`calendar.weekly.${w}`, true)}</Typography.Text>}
              </div>
            ))}
          </fieldset>
          <fieldset className="inline-fieldset">
            <legend style={LEGEND}>{t('settingsUi.holidaysAndMakeUp')}</legend>
            <Space wrap align="start">
              <Form.Item label={t('settingsUi.holidays')} htmlFor="calendar-holidays" validateStatus={fields.status('calendar.holidays')} help={datesHelp('holidays') ?? t('settingsUi.datesHelp')}>
                <Input.TextArea id="calendar-holidays" rows={4} style={{ width: 200 }} value={draft.holidays} onChange={(e) => setDraft((d) => d && { ...d, holidays: e.target.value })} />
              </Form.Item>
              <Form.Item label={t('settingsUi.makeUpWorkdays')} htmlFor="calendar-make-up" validateStatus={fields.status('calendar.makeUpWorkdays')} help={datesHelp('makeUpWorkdays') ?? t('settingsUi.datesHelp')}>
                <Input.TextArea id="calendar-make-up" rows={4} style={{ width: 200 }} value={draft.makeUpWorkdays} onChange={(e) => setDraft((d) => d && { ...d, makeUpWorkdays: e.target.value })} />
              </Form.Item>
              <div role="group" aria-label={t('settingsUi.makeUpHours')}>
                <Typography.Paragraph style={{ marginBottom: 4 }}>{t('settingsUi.makeUpHours')}</Typography.Paragraph>
                <RangesEditor
                  day={t('settingsUi.makeUpDay')}
                  ranges={draft.makeUpHours}
                  onChange={(makeUpHours) => setDraft((d) => d && { ...d, makeUpHours })}
                  rangeError={(i) => fields.message(`calendar.makeUpHours.${i}`)}
                />
                {fields.message('calendar.makeUpHours', true) && <Typography.Text type="danger">{fields.message('calendar.makeUpHours', true)}</Typography.Text>}
              </div>
            </Space>
            <Form.Item label={t('settingsUi.timeZone')} htmlFor="calendar-time-zone" validateStatus={fields.status('calendar.timeZone')} help={fields.message('calendar.timeZone')}>
              <Input id="calendar-time-zone" style={{ width: 200 }} value={draft.timeZone} onChange={(e) => setDraft((d) => d && { ...d, timeZone: e.target.value })} />
            </Form.Item>
          </fieldset>
          {failure && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={errorText(t, failure)} />}
          {saved && <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('settingsUi.calendarSaved')} />}
          <Button htmlType="submit" type="primary" disabled={busy}>
            {t('settingsUi.saveCalendar')}
          </Button>
        </form>
      </Form>
    </section>
  );
}
