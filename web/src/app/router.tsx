import type { ReactNode } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { repairProjectRoutes } from '../features/projects/routes';
import { projectPrintRoutes, publicNoticePrintRoute } from '../features/project-print/routes';
import { DemoBanner } from './DemoBanner';
import type { Permission } from './session';
import { RouteErrorPage } from './RouteErrorPage';
import { PublicLayout } from './PublicLayout';
import { SessionWatch } from './SessionWatch';
import { lazyPage, PageSuspense } from './lazyPage';

// The guards bring the refusal pages' pictures: they load with the workspace, not with the login page.
const RequireSession = lazyPage(() => import('./guards'), 'RequireSession');
const RequirePermission = lazyPage(() => import('./guards'), 'RequirePermission');
const NotFoundPage = lazyPage(() => import('./NotFoundPage'), 'NotFoundPage');
const HomePage = lazyPage(() => import('../features/portal/HomePage'), 'HomePage');
const ChangePasswordPage = lazyPage(() => import('../features/auth/ChangePasswordPage'), 'ChangePasswordPage');
const MessagesPage = lazyPage(() => import('../features/messages/MessagesPage'), 'MessagesPage');
const AuditLogPage = lazyPage(() => import('../features/office/AuditLogPage'), 'AuditLogPage');
const LoginLogPage = lazyPage(() => import('../features/office/LoginLogPage'), 'LoginLogPage');
const OrganisationDetailPage = lazyPage(() => import('../features/office/OrganisationDetailPage'), 'OrganisationDetailPage');
const OrganisationListPage = lazyPage(() => import('../features/office/OrganisationListPage'), 'OrganisationListPage');
const AreaCollectionPage = lazyPage(() => import('../features/applications/pages/AreaCollectionPage'), 'AreaCollectionPage');
const BuildingChangePage = lazyPage(() => import('../features/applications/pages/BuildingChangePage'), 'BuildingChangePage');
const HouseCancellationPage = lazyPage(() => import('../features/applications/pages/HouseCancellationPage'), 'HouseCancellationPage');
const HouseChangePage = lazyPage(() => import('../features/applications/pages/HouseChangePage'), 'HouseChangePage');
const HouseSupplementPage = lazyPage(() => import('../features/applications/pages/HouseSupplementPage'), 'HouseSupplementPage');
const OwnershipChangePage = lazyPage(() => import('../features/applications/pages/OwnershipChangePage'), 'OwnershipChangePage');
const SplitMergePage = lazyPage(() => import('../features/applications/pages/SplitMergePage'), 'SplitMergePage');
const MyApplicationsPage = lazyPage(() => import('../features/applications/MyApplicationsPage'), 'MyApplicationsPage');
const BusinessOverviewPage = lazyPage(() => import('../features/inbox/BusinessOverviewPage'), 'BusinessOverviewPage');
const InboxPage = lazyPage(() => import('../features/inbox/InboxPage'), 'InboxPage');
const ReviewPage = lazyPage(() => import('../features/inbox/ReviewPage'), 'ReviewPage');
const OrgInfoPage = lazyPage(() => import('../features/org/OrgInfoPage'), 'OrgInfoPage');
const ChooseTypePage = lazyPage(() => import('../features/registration/ChooseTypePage'), 'ChooseTypePage');
const RegistrationPage = lazyPage(() => import('../features/registration/RegistrationPage'), 'RegistrationPage');
const RegistrationSuccessPage = lazyPage(() => import('../features/registration/RegistrationSuccessPage'), 'RegistrationSuccessPage');
const AreaChangePage = lazyPage(() => import('../features/registry/AreaChangePage'), 'AreaChangePage');
const HouseQueryPage = lazyPage(() => import('../features/registry/HouseQueryPage'), 'HouseQueryPage');
const FacilityQueryPage = lazyPage(() => import('../features/facilities/FacilityQueryPage'), 'FacilityQueryPage');
const FacilityTypesPage = lazyPage(() => import('../features/facilities/FacilityTypesPage'), 'FacilityTypesPage');
const UsersPage = lazyPage(() => import('../features/users/UsersPage'), 'UsersPage');
const WorkspaceHomePage = lazyPage(() => import('../features/workspace/WorkspaceHomePage'), 'WorkspaceHomePage');
const DepositConfirmPage = lazyPage(() => import('../features/bank/DepositConfirmPage'), 'DepositConfirmPage');
const ReconciliationPage = lazyPage(() => import('../features/bank/ReconciliationPage'), 'ReconciliationPage');
const RefundConfirmPage = lazyPage(() => import('../features/bank/RefundConfirmPage'), 'RefundConfirmPage');
const DepositStandardsPage = lazyPage(() => import('../features/office/DepositStandardsPage'), 'DepositStandardsPage');
const RequiredDocumentsPage = lazyPage(() => import('../features/required-documents/RequiredDocumentsPage'), 'RequiredDocumentsPage');
const LedgerCheckPage = lazyPage(() => import('../features/office/LedgerCheckPage'), 'LedgerCheckPage');
const BankKeysPage = lazyPage(() => import('../features/office/BankKeysPage'), 'BankKeysPage');
const CustomPaymentPage = lazyPage(() => import('../features/payments/CustomPaymentPage'), 'CustomPaymentPage');
const DeveloperBatchPage = lazyPage(() => import('../features/payments/DeveloperBatchPage'), 'DeveloperBatchPage');
const NoticeListPage = lazyPage(() => import('../features/payments/NoticeListPage'), 'NoticeListPage');
const OwnerNoticePage = lazyPage(() => import('../features/payments/OwnerNoticePage'), 'OwnerNoticePage');
const FundLookupPage = lazyPage(() => import('../features/portal/FundLookupPage'), 'FundLookupPage');
const OwnerHomePage = lazyPage(() => import('../features/owner/OwnerHomePage'), 'OwnerHomePage');
const OwnerHousePage = lazyPage(() => import('../features/owner/OwnerHousePage'), 'OwnerHousePage');
const OwnerMessagesPage = lazyPage(() => import('../features/owner/OwnerMessagesPage'), 'OwnerMessagesPage');
const OwnerBindPage = lazyPage(() => import('../features/owner/OwnerBindPage'), 'OwnerBindPage');
const OwnerLoginPage = lazyPage(() => import('../features/owner/OwnerLoginPage'), 'OwnerLoginPage');
const OwnerLettersPage = lazyPage(() => import('../features/owner-letters/OwnerLettersPage'), 'OwnerLettersPage');
const OwnerLettersPrint = lazyPage(() => import('../print/OwnerLettersPrint'), 'OwnerLettersPrint');
const FundReportPage = lazyPage(() => import('../features/reports/FundReportPage'), 'FundReportPage');
const InterestPage = lazyPage(() => import('../features/reports/InterestPage'), 'InterestPage');
const ApplicationPrint = lazyPage(() => import('../print/ApplicationPrint'), 'ApplicationPrint');
const NoticePrint = lazyPage(() => import('../print/NoticePrint'), 'NoticePrint');
const ReceiptPrint = lazyPage(() => import('../print/ReceiptPrint'), 'ReceiptPrint');
const ReceiptReprintPage = lazyPage(() => import('../features/office/ReceiptReprintPage'), 'ReceiptReprintPage');
const RefundPrint = lazyPage(() => import('../print/RefundPrint'), 'RefundPrint');
const RegistrationFormPrint = lazyPage(() => import('../print/RegistrationFormPrint'), 'RegistrationFormPrint');
const ProjectConfirmPage = lazyPage(() => import('../features/bank/ProjectConfirmPage'), 'ProjectConfirmPage');
const FormerReviewRedirect = lazyPage(() => import('../features/inbox/ReviewPage'), 'FormerReviewRedirect');
const ProjectRequestsPage = lazyPage(() => import('../features/inbox/ProjectRequestsPage'), 'ProjectRequestsPage');
const AreaProjectsPage = lazyPage(() => import('../features/portal/AreaProjectsPage'), 'AreaProjectsPage');
const NoticeDetailPage = lazyPage(() => import('../features/portal/NoticeDetailPage'), 'NoticeDetailPage');
const PublicNoticeListPage = lazyPage(() => import('../features/portal/NoticeListPage'), 'NoticeListPage');
const WorkspaceLayout = lazyPage(() => import('./WorkspaceLayout'), 'WorkspaceLayout');

const guarded = (path: string, permission: Permission | readonly Permission[], element: ReactNode) => ({
  path,
  element: <RequirePermission permission={permission}>{element}</RequirePermission>,
});

/** 物业区域管理 (developer manual §1.3): each business application's page, new or `/:id`. */
const registryRoutes = [
  guarded('registry/area-collection/:id?', 'registry.edit', <AreaCollectionPage />),
  guarded('registry/area-change', 'registry.edit', <AreaChangePage />),
  guarded('registry/building-change/:id?', 'registry.edit', <BuildingChangePage />),
  guarded('registry/split-merge/:id?', 'registry.edit', <SplitMergePage />),
  guarded('registry/house-supplement/:id?', 'registry.edit', <HouseSupplementPage />),
  guarded('registry/house-change/:id?', 'registry.edit', <HouseChangePage />),
  guarded('registry/ownership-change/:id?', 'registry.edit', <OwnershipChangePage />),
  guarded('registry/house-cancellation/:id?', 'registry.edit', <HouseCancellationPage />),
  guarded('registry/applications', 'registry.edit', <MyApplicationsPage />),
];

/** 交款管理 (developer manual §1.4) and the bank's and office's money pages. */
const paymentRoutes = [
  guarded('payments/developer-batch', 'payment.notice', <DeveloperBatchPage />),
  guarded('payments/owner-notices', 'payment.notice', <OwnerNoticePage />),
  guarded('payments/custom', 'payment.notice', <CustomPaymentPage />),
  guarded('payments/notices', 'payment.notice', <NoticeListPage />),
  guarded('bank/deposits', 'bank.confirm', <DepositConfirmPage />),
  guarded('bank/refunds', 'bank.confirm', <RefundConfirmPage />),
  guarded('bank/reconciliation', 'bank.confirm', <ReconciliationPage />),
  guarded('bank/project-transfers', 'bank.confirm', <ProjectConfirmPage key="transfer" kind="transfer" />),
  guarded('bank/project-refunds', 'bank.confirm', <ProjectConfirmPage key="refund" kind="project_refund" />),
  guarded('office/deposit-standards', 'office.config', <DepositStandardsPage />),
  guarded('office/required-documents', 'office.config', <RequiredDocumentsPage />),
  guarded('office/ledger-check', 'office.config', <LedgerCheckPage />),
  guarded('office/bank-keys', 'office.config', <BankKeysPage />),
  guarded('office/reports', 'office.audit', <FundReportPage />),
  guarded('office/interest', 'office.config', <InterestPage />),
  guarded('office/receipts', 'office.accept', <ReceiptReprintPage />),
];

const OFFICE_INBOX: Permission[] = ['office.accept', 'office.review'];
/** 业主告知书 (F-80): the office's window, or a committee's director and members. */
const OWNER_LETTERS: Permission[] = ['office.accept', 'project.submit'];

function Root() {
  return (
    <>
      <SessionWatch />
      <DemoBanner />
      <PageSuspense>
        <Outlet />
      </PageSuspense>
    </>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteErrorPage />,
    children: [
      publicNoticePrintRoute,
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'register', element: <ChooseTypePage /> },
          { path: 'register/:type', element: <RegistrationPage /> },
          { path: 'registered', element: <RegistrationSuccessPage /> },
          { path: 'login', element: <LoginPage /> },
          { path: 'fund-lookup', element: <FundLookupPage /> },
          { path: 'owner', element: <OwnerHomePage /> },
          { path: 'owner/bind', element: <OwnerBindPage /> },
          { path: 'owner/login', element: <OwnerLoginPage /> },
          { path: 'owner/houses/:id', element: <OwnerHousePage /> },
          { path: 'owner/messages', element: <OwnerMessagesPage /> },
          { path: 'notices', element: <PublicNoticeListPage /> },
          { path: 'notices/:no', element: <NoticeDetailPage /> },
          { path: 'projects', element: <AreaProjectsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        element: <RequireSession />,
        children: [
          {
            element: <WorkspaceLayout />,
            children: [
              { path: 'workspace', element: <WorkspaceHomePage /> },
              { path: 'account/password', element: <ChangePasswordPage /> },
              { path: 'messages', element: <MessagesPage /> },
              {
                path: 'org/info',
                element: (
                  <RequirePermission permission="org.info">
                    <OrgInfoPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'org/users',
                element: (
                  <RequirePermission permission="org.users">
                    <UsersPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'office/organisations',
                element: (
                  <RequirePermission permission="office.orgs">
                    <OrganisationListPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'office/organisations/:id',
                element: (
                  <RequirePermission permission="office.orgs">
                    <OrganisationDetailPage />
                  </RequirePermission>
                ),
              },
              ...registryRoutes,
              ...paymentRoutes,
              guarded('owner-letters', OWNER_LETTERS, <OwnerLettersPage />),
              guarded('office/business', OFFICE_INBOX, <BusinessOverviewPage />),
              guarded('office/inbox', OFFICE_INBOX, <InboxPage />),
              guarded('office/review/:source/:id', OFFICE_INBOX, <ReviewPage />),
              guarded('office/inbox/:id', OFFICE_INBOX, <FormerReviewRedirect />),
              guarded('office/project-requests', OFFICE_INBOX, <ProjectRequestsPage />),
              guarded('office/project-requests/:projectId/:requestId', OFFICE_INBOX, <FormerReviewRedirect />),
              { path: 'query/houses', element: <HouseQueryPage /> },
              { path: 'query/facilities', element: <FacilityQueryPage /> },
              ...repairProjectRoutes,
              guarded('office/facility-types', 'office.config', <FacilityTypesPage />),
              {
                path: 'office/audit',
                element: (
                  <RequirePermission permission="office.audit">
                    <AuditLogPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'office/login-log',
                element: (
                  <RequirePermission permission="office.audit">
                    <LoginLogPage />
                  </RequirePermission>
                ),
              },
            ],
          },
          { path: 'print/registration', element: <RegistrationFormPrint /> },
          { path: 'print/application/:id', element: <ApplicationPrint /> },
          { path: 'print/notice/:no', element: <NoticePrint /> },
          { path: 'print/receipt/:no', element: <ReceiptPrint /> },
          { path: 'print/refund/:id', element: <RefundPrint /> },
          guarded('print/owner-letters', OWNER_LETTERS, <OwnerLettersPrint />),
          ...projectPrintRoutes,
        ],
      },
    ],
  },
]);
