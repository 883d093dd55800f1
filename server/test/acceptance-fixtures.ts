import { projectDocType } from '../src/domain/required-documents.ts';
import type { Agent } from './harness.ts';

/** The documents F-62 asks for with one type of request, as the window's list shows them. */
export async function requiredDocuments(agent: Agent, type: string): Promise<string[]> {
  const res = await agent.get(`/api/required-documents?type=${encodeURIComponent(type)}`);
  if (res.statusCode !== 200) throw new Error(`required-documents ${type}: ${res.body}`);
  return (res.json() as { documents: string[] }).documents;
}

/** 受理 of a registry application with every required document ticked (全部已收). */
export async function acceptApplication(office: Agent, id: number, note = '') {
  const app = await office.get(`/api/applications/${id}`);
  if (app.statusCode !== 200) throw new Error(`application ${id}: ${app.body}`);
  const { type, requiredDocuments: kept } = app.json() as { type: string; requiredDocuments: string[] | null };
  const received = kept ?? (await requiredDocuments(office, type));
  return office.post(`/api/applications/${id}/accept`, { note, received });
}

interface WaitingRequest {
  id: number;
  kind: 'approval' | 'disbursement';
  projectType: 'general' | 'emergency' | 'simple';
  requiredDocuments: string[] | null;
}

/** A submitted project request as the office's list shows it. */
async function waitingRequest(office: Agent, requestId: number): Promise<WaitingRequest> {
  const list = await office.get('/api/office/project-requests?status=submitted&pageSize=200');
  if (list.statusCode !== 200) throw new Error(`project-requests: ${list.body}`);
  const row = (list.json() as { items: WaitingRequest[] }).items.find((r) => r.id === requestId);
  if (!row) throw new Error(`project request ${requestId} is not waiting for 受理`);
  return row;
}

const docTypeOf = (r: WaitingRequest) => projectDocType(r.kind, r.projectType);

/** The F-62 type of a submitted project request, from the office's list (approval by project type, or disbursement). */
export async function projectRequestDocType(office: Agent, requestId: number): Promise<string> {
  return docTypeOf(await waitingRequest(office, requestId));
}

/** 受理 of a repair project's request with every document of its list ticked (全部已收). */
export async function acceptProjectRequest(office: Agent, requestId: number, note = '') {
  const r = await waitingRequest(office, requestId);
  const received = r.requiredDocuments ?? (await requiredDocuments(office, docTypeOf(r)));
  return office.post(`/api/office/project-requests/${requestId}/accept`, { note, received });
}
