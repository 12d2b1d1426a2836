import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createDefaultClient } from './api/client';
import { App } from './app/App';
import { initI18n } from './i18n/i18n';
import { createAppStore } from './store/app-store';
import { StoreProvider } from './store/store-context';
import './styles.css';

const api = createDefaultClient();
const store = createAppStore(api);
initI18n(store.getState().language);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App api={api} />
    </StoreProvider>
  </StrictMode>,
);
