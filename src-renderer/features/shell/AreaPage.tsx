import { Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Area } from './areas';

/** The frame of one area: its title and what it is for. The area's own screens fill it. */
export function AreaPage({ area }: { area: Area }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`area-${area}`}>
      <Typography.Title level={3} id={`area-${area}`}>
        {t(`nav.${area}`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t(`areas.${area}`)}</Typography.Paragraph>
      <Empty description={t('areas.empty')} />
    </section>
  );
}
