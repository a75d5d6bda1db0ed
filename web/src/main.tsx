import { createIcebreaker, IndexedDbStorage } from '@icebreaker/sdk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './app/styles.css';

const ib = createIcebreaker({ baseUrl: '', storage: new IndexedDbStorage() });

// The kept session decides the first screen, so the app renders once it is known.
void ib
  .restore()
  .catch(() => null)
  .finally(() => {
    ib.realtime.connect();
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App client={ib} />
      </StrictMode>,
    );
  });
