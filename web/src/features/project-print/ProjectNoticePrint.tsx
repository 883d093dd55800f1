import { useParams } from 'react-router';
import { latestNotice, type ProjectNotice, useProjectSummary, useWholePublicNotice } from './api';
import { NothingToPrint, PrintWaiting, ready } from './PrintState';
import { ProjectNoticeSheet } from './ProjectNoticeSheet';

const NONE = {
  initiation: '本项目尚未发布立项公示',
  acceptance: '本项目尚未发布验收公示',
  cancellation: '本项目尚未发布撤销公示',
} as const;

/**
 * /print/project/:id/initiation-notice, /acceptance-notice, /cancellation-notice: the project's
 * latest notice of that kind, exactly as the public portal shows it.
 */
export function ProjectNoticePrint({ kind }: { kind: ProjectNotice['kind'] }) {
  const { id } = useParams();
  const summary = useProjectSummary(Number(id) || undefined);
  const notice = summary.data ? latestNotice(summary.data, kind) : undefined;
  const detail = useWholePublicNotice(notice?.no);
  if (summary.data && !notice) return <NothingToPrint title={NONE[kind]} />;
  if (!ready([summary, detail]) || !detail.data) return <PrintWaiting queries={[summary, detail]} />;
  return <ProjectNoticeSheet n={detail.data} />;
}

/** /notices/:no/print: any published notice, for anyone (F-72 “printable”). */
export function PublicNoticePrint() {
  const { no } = useParams();
  const detail = useWholePublicNotice(no);
  if (!detail.data) return <PrintWaiting queries={[detail]} />;
  return <ProjectNoticeSheet n={detail.data} backTo={`/notices/${no}`} />;
}
