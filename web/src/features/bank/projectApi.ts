import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { ApiBody, ApiResponse } from '../../api/types';

export type Instruction = ApiResponse<'/api/bank/project-instructions'>['items'][number];
export type InstructionKind = Instruction['kind'];
export type ProjectConfirmBody = ApiBody<'/api/bank/project-transfers/confirm', 'post'>;
export type ProjectConfirmResult = ApiResponse<'/api/bank/project-transfers/confirm', 'post'>;

export const INSTRUCTIONS_KEY = ['bank', 'project-instructions'] as const;

export function useInstructions(state: 'pending' | 'confirmed') {
  return useQuery({
    queryKey: [...INSTRUCTIONS_KEY, state],
    queryFn: () => call(api.GET('/api/bank/project-instructions', { params: { query: { state } } })),
  });
}

export function confirmProjectMoney(kind: InstructionKind, body: ProjectConfirmBody) {
  return kind === 'transfer'
    ? call(api.POST('/api/bank/project-transfers/confirm', { body }))
    : call(api.POST('/api/bank/project-refunds/confirm', { body }));
}

/** The words of each page: 划转确认 pays out approved disbursements, 清退确认 takes refunds in. */
export const KIND_TEXT = {
  transfer: { page: '划转确认', number: '拨付指令号', amount: '划转金额', done: '划转', button: '确认划转' },
  project_refund: { page: '清退确认', number: '清退通知单号', amount: '清退金额', done: '清退', button: '确认清退' },
} as const;
