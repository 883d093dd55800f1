import { lazyPage } from '../../app/lazyPage';

const RequirePermission = lazyPage(() => import('../../app/guards'), 'RequirePermission');
const AcceptancePage = lazyPage(() => import('./actions/AcceptancePage'), 'AcceptancePage');
const ApprovalPage = lazyPage(() => import('./actions/ApprovalPage'), 'ApprovalPage');
const DisbursementPage = lazyPage(() => import('./actions/DisbursementPage'), 'DisbursementPage');
const NoticePage = lazyPage(() => import('./actions/NoticePage'), 'NoticePage');
const RefundPage = lazyPage(() => import('./actions/RefundPage'), 'RefundPage');
const VotePage = lazyPage(() => import('./actions/VotePage'), 'VotePage');
const NewProjectPage = lazyPage(() => import('./editor/ProjectEditorPage'), 'NewProjectPage');
const ProjectEditorPage = lazyPage(() => import('./editor/ProjectEditorPage'), 'ProjectEditorPage');
const ProjectListPage = lazyPage(() => import('./ProjectListPage'), 'ProjectListPage');
const ProjectPage = lazyPage(() => import('./ProjectPage'), 'ProjectPage');

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
