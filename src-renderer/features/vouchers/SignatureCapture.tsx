import { Button, Form, Input, Space } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';

export interface SignatureValue {
  signerName: string;
  imagePng?: string;
}

/**
 * The customer signs: the signer's name (required) and, optionally, a signature drawn with mouse, pen or
 * finger on a small canvas, exported as a PNG data URL (a small canvas keeps it a few kilobytes).
 */
export function SignatureCapture({
  id,
  value,
  onChange,
  nameError,
  imageError,
}: {
  id: string;
  value: SignatureValue;
  onChange: (value: SignatureValue) => void;
  nameError?: string;
  imageError?: string;
}) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { minWidth: 0.6, maxWidth: 1.8, penColor: '#1f1f1f' });
    const capture = () => {
      const { value: current, onChange: change } = latest.current;
      change({ ...current, imagePng: pad.isEmpty() ? undefined : pad.toDataURL('image/png') });
    };
    pad.addEventListener('endStroke', capture);
    padRef.current = pad;
    return () => {
      pad.removeEventListener('endStroke', capture);
      pad.off();
      padRef.current = null;
    };
  }, []);

  const clear = () => {
    padRef.current?.clear();
    onChange({ ...value, imagePng: undefined });
  };

  return (
    <fieldset className="inline-fieldset">
      <legend>{t('vouchers.signature.legend')}</legend>
      <Form.Item label={t('vouchers.signature.signerName')} htmlFor={`${id}-signer`} validateStatus={nameError ? 'error' : undefined} help={nameError}>
        <Input id={`${id}-signer`} value={value.signerName} onChange={(e) => onChange({ ...value, signerName: e.target.value })} />
      </Form.Item>
      <Form.Item label={t('vouchers.signature.drawn')} validateStatus={imageError ? 'error' : undefined} help={imageError ?? t('vouchers.signature.drawnHelp')}>
        <Space align="end">
          <canvas
            ref={canvasRef}
            width={320}
            height={100}
            role="img"
            aria-label={t('vouchers.signature.pad')}
            style={{ border: '1px solid #d9d9d9', borderRadius: 4, touchAction: 'none', background: '#fff' }}
          />
          <Button onClick={clear}>{t('vouchers.signature.clear')}</Button>
        </Space>
      </Form.Item>
    </fieldset>
  );
}
