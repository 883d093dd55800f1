import { RequirePermission } from '../../app/guards';
import { AcceptancePage } from './actions/AcceptancePage';
import { ApprovalPage } from './actions/ApprovalPage';
import { DisbursementPage } from './actions/DisbursementPage';
import { NoticePage } from './actions/NoticePage';
import { RefundPage } from './actions/RefundPage';
import { VotePage } from './actions/VotePage';
import { NewProjectPage, ProjectEditorPage } from './editor/ProjectEditorPage';
import { ProjectListPage } from './ProjectListPage';
import { ProjectPage } from './ProjectPage';

const page = (path: string, element: React.ReactNode) => ({
  path: `repair/projects${path}`,
  element: <RequirePermission permission="project.edit">{element}</RequirePermission>,
});

/** 维修项目管理 (committee manual §1.3): the list, the editor (F-40), the project's page and each step's page. */
export const repairProjectRoutes = [
  page('', <ProjectListPage />),
  page('/new/:type', <NewProjectPage />),
  page('/:id', <ProjectPage />),
  page('/:id/edit', <ProjectEditorPage />),
  page('/:id/notices', <NoticePage />),
  page('/:id/vote', <VotePage />),
  page('/:id/approval', <ApprovalPage />),
  page('/:id/disbursement', <DisbursementPage />),
  page('/:id/acceptance', <AcceptancePage />),
  page('/:id/refund', <RefundPage />),
];
