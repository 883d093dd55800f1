import { Skeleton } from 'antd';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';

/**
 * A page whose code loads when its route is first visited, so the public portal and the login page
 * download only what they show. `name` is the module's named export; the props stay typed.
 */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  // biome-ignore lint/suspicious/noExplicitAny: the export's own props type is restored by the cast below
  return lazy(async () => ({ default: (await load())[name] as ComponentType<any> })) as M[K];
}

/** Where a page's code is still on its way: a skeleton in the page's place, the frame around it stays. */
export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>{children}</Suspense>;
}
