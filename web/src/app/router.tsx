import type { ReactNode } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { AuditLogPage } from '../features/office/AuditLogPage';
import { LoginLogPage } from '../features/office/LoginLogPage';
import { OrganisationDetailPage } from '../features/office/OrganisationDetailPage';
import { OrganisationListPage } from '../features/office/OrganisationListPage';
import { AreaCollectionPage } from '../features/applications/pages/AreaCollectionPage';
import { BuildingChangePage } from '../features/applications/pages/BuildingChangePage';
import { HouseCancellationPage } from '../features/applications/pages/HouseCancellationPage';
import { HouseChangePage } from '../features/applications/pages/HouseChangePage';
import { HouseSupplementPage } from '../features/applications/pages/HouseSupplementPage';
import { OwnershipChangePage } from '../features/applications/pages/OwnershipChangePage';
import { SplitMergePage } from '../features/applications/pages/SplitMergePage';
import { MyApplicationsPage } from '../features/applications/MyApplicationsPage';
import { BusinessOverviewPage } from '../features/inbox/BusinessOverviewPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { ReviewPage } from '../features/inbox/ReviewPage';
import { OrgInfoPage } from '../features/org/OrgInfoPage';
import { HomePage } from '../features/portal/HomePage';
import { ChooseTypePage } from '../features/registration/ChooseTypePage';
import { RegistrationPage } from '../features/registration/RegistrationPage';
import { RegistrationSuccessPage } from '../features/registration/RegistrationSuccessPage';
import { AreaChangePage } from '../features/registry/AreaChangePage';
import { HouseQueryPage } from '../features/registry/HouseQueryPage';
import { FacilityQueryPage } from '../features/facilities/FacilityQueryPage';
import { FacilityTypesPage } from '../features/facilities/FacilityTypesPage';
import { repairProjectRoutes } from '../features/projects/routes';
import { UsersPage } from '../features/users/UsersPage';
import { WorkspaceHomePage } from '../features/workspace/WorkspaceHomePage';
import { DepositConfirmPage } from '../features/bank/DepositConfirmPage';
import { ReconciliationPage } from '../features/bank/ReconciliationPage';
import { RefundConfirmPage } from '../features/bank/RefundConfirmPage';
import { DepositStandardsPage } from '../features/office/DepositStandardsPage';
import { RequiredDocumentsPage } from '../features/required-documents/RequiredDocumentsPage';
import { LedgerCheckPage } from '../features/office/LedgerCheckPage';
import { BankKeysPage } from '../features/office/BankKeysPage';
import { CustomPaymentPage } from '../features/payments/CustomPaymentPage';
import { DeveloperBatchPage } from '../features/payments/DeveloperBatchPage';
import { NoticeListPage } from '../features/payments/NoticeListPage';
import { OwnerNoticePage } from '../features/payments/OwnerNoticePage';
import { FundLookupPage } from '../features/portal/FundLookupPage';
import { FundReportPage } from '../features/reports/FundReportPage';
import { InterestPage } from '../features/reports/InterestPage';
import { ApplicationPrint } from '../print/ApplicationPrint';
import { NoticePrint } from '../print/NoticePrint';
import { RefundPrint } from '../print/RefundPrint';
import { RegistrationFormPrint } from '../print/RegistrationFormPrint';
import { ProjectConfirmPage } from '../features/bank/ProjectConfirmPage';
import { ProjectRequestReviewPage } from '../features/inbox/ProjectRequestReviewPage';
import { ProjectRequestsPage } from '../features/inbox/ProjectRequestsPage';
import { AreaProjectsPage } from '../features/portal/AreaProjectsPage';
import { NoticeDetailPage } from '../features/portal/NoticeDetailPage';
import { NoticeListPage as PublicNoticeListPage } from '../features/portal/NoticeListPage';
import { projectPrintRoutes, publicNoticePrintRoute } from '../features/project-print/routes';
import { DemoBanner } from './DemoBanner';
import { RequirePermission, RequireSession } from './guards';
import type { Permission } from './session';
import { NotFoundPage, RouteErrorPage } from './NotFoundPage';
import { PublicLayout } from './PublicLayout';
import { SessionWatch } from './SessionWatch';
import { WorkspaceLayout } from './WorkspaceLayout';

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
];

const OFFICE_INBOX: Permission[] = ['office.accept', 'office.review'];

function Root() {
  return (
    <>
      <SessionWatch />
      <DemoBanner />
      <Outlet />
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
              guarded('office/business', OFFICE_INBOX, <BusinessOverviewPage />),
              guarded('office/inbox', OFFICE_INBOX, <InboxPage />),
              guarded('office/inbox/:id', OFFICE_INBOX, <ReviewPage />),
              guarded('office/project-requests', OFFICE_INBOX, <ProjectRequestsPage />),
              guarded('office/project-requests/:projectId/:requestId', OFFICE_INBOX, <ProjectRequestReviewPage />),
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
          { path: 'print/refund/:id', element: <RefundPrint /> },
          ...projectPrintRoutes,
        ],
      },
    ],
  },
]);
