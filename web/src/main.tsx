import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import 'maplibre-gl/dist/maplibre-gl.css';
import './i18n';
import './styles.css';
import { App } from './app';
import { createClient } from './client';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={createClient()}>
      <App />
    </Provider>
  </StrictMode>,
);
