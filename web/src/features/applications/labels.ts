import {
  APPLICATION_PAGE_SLUGS,
  APPLICATION_TYPE_LABELS,
  APPLICATION_TYPES as TYPES,
  applicationPagePath,
} from '../../../../server/src/domain/application-types.ts';
import type { ApplicationStatus, ApplicationType } from '../../api/types';

export const applicationPath = applicationPagePath;
export const applicationSlug = (type: ApplicationType) => APPLICATION_PAGE_SLUGS[type];

/** The menu names of the manual, as the server names them. */
export const TYPE_LABELS: Record<ApplicationType, string> = APPLICATION_TYPE_LABELS;
export const APPLICATION_TYPES: readonly ApplicationType[] = TYPES;

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  accepted: '已受理',
  rejected: '已退回',
  approved: '已审核通过',
  withdrawn: '已撤回',
};
export const APPLICATION_STATUSES = Object.keys(STATUS_LABELS) as ApplicationStatus[];

export const STATUS_COLORS: Record<ApplicationStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  accepted: 'cyan',
  rejected: 'error',
  approved: 'success',
  withdrawn: 'default',
};

/** The events of an application's timeline. */
export const EVENT_LABELS: Record<string, string> = {
  create: '新建',
  submit: '提交',
  resubmit: '重新提交',
  withdraw: '撤回',
  accept: '受理',
  reject: '审核退回',
  approve: '审核通过',
};

/** What the applicant does after submitting (manual 第六步). */
export const WINDOW_REMINDER = '请打印申请表，由申办人员携带申请表及相关资料至维修资金管理部门受理窗口办理；受理、审核通过后业务办理完成。';
