import { createBrowserRouter, Outlet } from 'react-router';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { AuditLogPage } from '../features/office/AuditLogPage';
import { LoginLogPage } from '../features/office/LoginLogPage';
import { OrganisationDetailPage } from '../features/office/OrganisationDetailPage';
import { OrganisationListPage } from '../features/office/OrganisationListPage';
import { OrgInfoPage } from '../features/org/OrgInfoPage';
import { HomePage } from '../features/portal/HomePage';
import { ChooseTypePage } from '../features/registration/ChooseTypePage';
import { RegistrationPage } from '../features/registration/RegistrationPage';
import { RegistrationSuccessPage } from '../features/registration/RegistrationSuccessPage';
import { UsersPage } from '../features/users/UsersPage';
import { WorkspaceHomePage } from '../features/workspace/WorkspaceHomePage';
import { RegistrationFormPrint } from '../print/RegistrationFormPrint';
import { RequirePermission, RequireSession } from './guards';
import { NotFoundPage, RouteErrorPage } from './NotFoundPage';
import { PublicLayout } from './PublicLayout';
import { SessionWatch } from './SessionWatch';
import { WorkspaceLayout } from './WorkspaceLayout';

function Root() {
  return (
    <>
      <SessionWatch />
      <Outlet />
    </>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'register', element: <ChooseTypePage /> },
          { path: 'register/:type', element: <RegistrationPage /> },
          { path: 'registered', element: <RegistrationSuccessPage /> },
          { path: 'login', element: <LoginPage /> },
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
        ],
      },
    ],
  },
]);
