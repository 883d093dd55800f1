import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/context.ts';
import { idParam, ok, pageOf } from '../../lib/fields.ts';
import {
  createUserBody,
  lockedUserList,
  orgUserParams,
  resetPasswordBody,
  roleList,
  updateUserBody,
  userListQuery,
  userView,
} from './schemas.ts';
import {
  activateUser,
  createUser,
  deactivateUser,
  getUser,
  listUsers,
  lockedUsersOf,
  resetPassword,
  rolesOf,
  unlockOrgUser,
  unlockUser,
  updateUser,
} from './service.ts';

const tags = ['机构用户管理'];

export function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/org/roles', { schema: { tags, summary: '本机构可分配的角色', response: { 200: roleList } } }, async (req) =>
    rolesOf(requireActor(req.ctx).orgType),
  );
  r.get(
    '/api/org/users',
    { schema: { tags, summary: '用户列表', querystring: userListQuery, response: { 200: pageOf(userView) } } },
    async (req) => listUsers(req.ctx, req.query),
  );
  r.get('/api/org/users/:id', { schema: { tags, summary: '查看用户', params: idParam, response: { 200: userView } } }, async (req) =>
    getUser(req.ctx, req.params.id),
  );
  r.post(
    '/api/org/users',
    { schema: { tags, summary: '添加用户', body: createUserBody, response: { 201: userView } } },
    async (req, reply) => reply.status(201).send(await createUser(req.ctx, req.body)),
  );
  r.put(
    '/api/org/users/:id',
    { schema: { tags, summary: '修改用户（信息或角色）', params: idParam, body: updateUserBody, response: { 200: userView } } },
    async (req) => updateUser(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/org/users/:id/deactivate',
    { schema: { tags, summary: '注销用户（立即结束其会话）', params: idParam, response: { 200: userView } } },
    async (req) => deactivateUser(req.ctx, req.params.id),
  );
  r.post(
    '/api/org/users/:id/activate',
    { schema: { tags, summary: '激活用户', params: idParam, response: { 200: userView } } },
    async (req) => activateUser(req.ctx, req.params.id),
  );
  r.post(
    '/api/org/users/:id/reset-password',
    { schema: { tags, summary: '重置用户密码（并解除锁定）', params: idParam, body: resetPasswordBody, response: { 200: userView } } },
    async (req) => resetPassword(req.ctx, req.params.id, req.body.password),
  );
  r.post(
    '/api/org/users/:id/unlock',
    { schema: { tags, summary: '解除用户锁定', params: idParam, response: { 200: userView } } },
    async (req) => unlockUser(req.ctx, req.params.id),
  );
  r.get(
    '/api/office/organisations/:id/locked-users',
    { schema: { tags, summary: '机构中被锁定的用户', params: idParam, response: { 200: lockedUserList } } },
    async (req) => lockedUsersOf(req.ctx, req.params.id),
  );
  r.post(
    '/api/office/organisations/:id/users/:userId/unlock',
    { schema: { tags, summary: '解除机构用户的锁定（管理部门管理员）', params: orgUserParams, response: { 200: ok } } },
    async (req) => unlockOrgUser(req.ctx, req.params.id, req.params.userId),
  );
}
