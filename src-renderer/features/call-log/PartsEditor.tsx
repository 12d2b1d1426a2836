import { Button, Form, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PartLineInput } from '../../../src-shared/contract/common';
import { yuanToFen } from '../vouchers/money';

/** One part as typed: the price in yuan as the technician reads it off the price list. */
export interface PartDraft {
  partNo: string;
  name: string;
  quantity: number | null;
  serial: string;
  priceYuan: number | null;
}

export const emptyPart = (): PartDraft => ({ partNo: '', name: '', quantity: 1, serial: '', priceYuan: null });

/** The typed parts as the contract takes them; a bad price goes as -1 so the router names the field. */
export function partsInput(parts: PartDraft[]): PartLineInput[] {
  return parts.map((p) => ({ partNo: p.partNo, name: p.name, quantity: p.quantity ?? 0, ...(p.serial.trim() ? { serial: p.serial } : {}), unitPriceFen: yuanToFen(p.priceYuan) ?? -1 }));
}

/**
 * 更换零件: the parts fitted on site, one row each (part number, name, quantity, serial of the fitted
 * part, unit price). Errors from the router are shown on the row and field they belong to.
 */
export function PartsEditor({ id, parts, onChange, fieldMessage }: { id: string; parts: PartDraft[]; onChange: (parts: PartDraft[]) => void; fieldMessage: (path: string) => string | undefined }) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<PartDraft>) => onChange(parts.map((p, i) => (i === index ? { ...p, ...change } : p)));
  const item = (index: number, key: 'partNo' | 'name' | 'serial', label: string, width: number) => {
    const message = fieldMessage(`parts.${index}.${key}`);
    return (
      <Form.Item label={label} htmlFor={`${id}-${index}-${key}`} validateStatus={message ? 'error' : undefined} help={message}>
        <Input id={`${id}-${index}-${key}`} style={{ width }} value={parts[index]![key]} onChange={(e) => update(index, { [key]: e.target.value })} />
      </Form.Item>
    );
  };
  return (
    <fieldset className="inline-fieldset" aria-label={t('callDetail.parts')}>
      <legend>{t('callDetail.parts')}</legend>
      {parts.map((part, index) => {
        const quantityMessage = fieldMessage(`parts.${index}.quantity`);
        const priceMessage = fieldMessage(`parts.${index}.unitPriceFen`);
        return (
          <Space key={index} wrap align="start" role="group" aria-label={t('callDetail.partRow', { n: index + 1 })}>
            {item(index, 'partNo', t('repairCards.partNo'), 100)}
            {item(index, 'name', t('repairCards.partName'), 140)}
            <Form.Item label={t('repairCards.quantity')} htmlFor={`${id}-${index}-quantity`} validateStatus={quantityMessage ? 'error' : undefined} help={quantityMessage}>
              <InputNumber id={`${id}-${index}-quantity`} min={1} max={999} style={{ width: 70 }} value={part.quantity} onChange={(v) => update(index, { quantity: v })} />
            </Form.Item>
            {item(index, 'serial', t('repairCards.partSerial'), 120)}
            <Form.Item label={t('repairCards.unitPrice')} htmlFor={`${id}-${index}-price`} validateStatus={priceMessage ? 'error' : undefined} help={priceMessage}>
              <InputNumber id={`${id}-${index}-price`} min={0} precision={2} style={{ width: 100 }} value={part.priceYuan} onChange={(v) => update(index, { priceYuan: v })} />
            </Form.Item>
            <Form.Item label=" ">
              <Button onClick={() => onChange(parts.filter((_, i) => i !== index))}>{t('callDetail.removePart', { n: index + 1 })}</Button>
            </Form.Item>
          </Space>
        );
      })}
      <div>
        <Button onClick={() => onChange([...parts, emptyPart()])}>{t('callDetail.addPart')}</Button>
      </div>
    </fieldset>
  );
}
