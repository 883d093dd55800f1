import { QueryClient } from '@tanstack/react-query';
import { expect, it } from 'vitest';
import type { ApplicationDetail } from '../../api/types';
import { applicationKey } from './api';
import { rememberApplication } from './remember';

it('F-17 a detail fetched before a submission and answered after it does not put the draft back on the page', async () => {
  const queryClient = new QueryClient();
  let answer: (detail: Partial<ApplicationDetail>) => void = () => {};
  // The page's own fetch, started before the submission and answered after it.
  const stale = queryClient
    .fetchQuery({ queryKey: applicationKey(7), queryFn: () => new Promise<Partial<ApplicationDetail>>((r) => (answer = r)) })
    .catch(() => undefined);
  await rememberApplication(queryClient, { id: 7, status: 'submitted' } as ApplicationDetail);
  answer({ id: 7, status: 'draft' });
  await stale;
  expect(queryClient.getQueryData(applicationKey(7))).toMatchObject({ status: 'submitted' });
});
