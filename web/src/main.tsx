import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return <div>江门市住宅专项维修资金管理平台</div>;
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
