import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import '../lib/dates';
import { ApiError } from '../api/client';
import { router } from './router';
import { usePrefersReducedMotion } from '../lib/usePrefersReducedMotion';
import { themeFor } from './theme';
import './global.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a network blip might.
      retry: (failures, err) => !(err instanceof ApiError) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider locale={zhCN} theme={themeFor(reducedMotion)} button={{ autoInsertSpace: false }}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
