import { Button, Select, Space } from 'antd';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface TechnicianOption {
  value: number;
  label: string;
}

interface DispatchActionProps {
  callId: number;
  number: string;
  redispatch: boolean;
  options: TechnicianOption[];
  onDispatch(callId: number, technicianId: number): Promise<void>;
}

/**
 * A row's technician picker and 派工 button. Fifty antd pickers and buttons cost about as much to draw
 * as the rest of the board, so a row shows plain stand-ins until the supervisor reaches it (focus, or
 * a click on the picker); then the real picker takes their place, focused, and open when
 * it was the pointer. The stand-in carries the picker's label, so it is found and announced the same.
 */
export const DispatchAction = memo(function DispatchAction({ callId, number, redispatch, options, onDispatch }: DispatchActionProps) {
  const { t } = useTranslation();
  const [reached, setReached] = useState<'no' | 'focus' | 'pointer'>('no');
  const [choice, setChoice] = useState<number | undefined>(undefined);
  const label = t('dispatch.technicianFor', { number });
  const action = redispatch ? t('dispatch.redispatch') : t('dispatch.dispatch');

  if (reached === 'no') {
    return (
      <span className="dispatch-standin">
        <button
          type="button"
          className="dispatch-standin-picker"
          aria-label={label}
          aria-haspopup="listbox"
          onFocus={() => setReached('focus')}
          // A click swaps in the picker once the click is over (swapped at the press, the release would
          // land on the picker and close it again): the press must not focus the stand-in meanwhile.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => setReached('pointer')}
        >
          {t('dispatch.chooseTechnician')}
        </button>
        <button type="button" className="dispatch-standin-action" disabled>
          {action}
        </button>
      </span>
    );
  }
  return (
    <Space.Compact>
      <Select
        aria-label={label}
        style={{ width: 150 }}
        placeholder={t('dispatch.chooseTechnician')}
        value={choice}
        autoFocus
        defaultOpen={reached === 'pointer'}
        // Keyboard first: type the technician's name, Enter picks him, focus moves to 派工, Enter dispatches.
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(v: number) => {
          setChoice(v);
          setTimeout(() => document.getElementById(`dispatch-${callId}`)?.focus(), 0);
        }}
        options={options}
      />
      <Button id={`dispatch-${callId}`} type="primary" disabled={choice === undefined} onClick={() => choice !== undefined && void onDispatch(callId, choice)}>
        {action}
      </Button>
    </Space.Compact>
  );
});
