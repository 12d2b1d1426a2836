import { Button, Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useAppStore } from '../../store/store-context';
import { CallLogPage } from '../call-log/CallLogPage';
import { DispatchBoardPage } from '../dispatch/DispatchBoardPage';
import { GoodsLedgerPage } from '../goods-ledger/GoodsLedgerPage';
import { RepairCardsPage } from '../repair-cards/RepairCardsPage';
import { VouchersPage } from '../vouchers/VouchersPage';
import { ReportsPage } from '../reports/ReportsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { CustomersPage } from '../customers/CustomersPage';
import { AREAS, areaPath } from './areas';

/** The signed-in frame: the branch and user in the header, the areas down the side. */
export function Shell() {
  const { t } = useTranslation();
  const me = useAppStore((s) => s.me);
  const signOut = useAppStore((s) => s.signOut);
  const navigate = useNavigate();
  const location = useLocation();
  if (!me) return null;
  const items = AREAS.map((area) => ({ key: areaPath(area), label: t(`nav.${area}`) }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Typography.Text strong className="app-title">
          {t('app.name')} · {t('shell.branch', { code: me.branch.code, name: me.branch.name })}
        </Typography.Text>
        <Space size="middle">
          <Typography.Text>{t('shell.signedInAs', { name: me.user.displayName, role: t(`roles.${me.user.role}`) })}</Typography.Text>
          <LanguageSwitch />
          <Button size="small" onClick={() => void signOut()}>
            {t('shell.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light">
          <nav aria-label={t('nav.label')}>
            <Menu mode="inline" selectedKeys={[location.pathname]} items={items} onClick={(e) => void navigate(e.key)} />
          </nav>
        </Layout.Sider>
        <Layout.Content className="app-content">
          <Routes>
            <Route path={areaPath('callLog')} element={<CallLogPage />} />
            <Route path={areaPath('dispatch')} element={<DispatchBoardPage />} />
            <Route path={areaPath('vouchers')} element={<VouchersPage />} />
            <Route path={areaPath('goodsLedger')} element={<GoodsLedgerPage />} />
            <Route path={areaPath('repairCards')} element={<RepairCardsPage />} />
            <Route path={areaPath('reports')} element={<ReportsPage />} />
            <Route path={areaPath('settings')} element={<SettingsPage />} />
            <Route path={areaPath('customers')} element={<CustomersPage />} />
            <Route path="*" element={<Navigate to={areaPath('callLog')} replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
