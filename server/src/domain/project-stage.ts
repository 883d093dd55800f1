import { outdatedNotice, type ProjectFacts } from './project-actions.ts';
import { noticePeriodOver } from './notice-period.ts';

/**
 * 维修项目列表's status column and filter (SPEC §7.2): the stage a project has reached, read from
 * the same facts as its allowed actions, so the list, the project page and the actions agree.
 * One rule, used wherever a stage is shown; the service stores its result with the project so the
 * list filters by an indexed column instead of deriving the stage per row.
 */
export const PROJECT_STAGES = [
  'editing',
  'notice',
  'notice_outdated',
  'awaiting_vote',
  'evote_running',
  'vote_passed',
  'vote_failed',
  'awaiting_approval',
  'approval_review',
  'approval_returned',
  'approved',
  'disbursing',
  'accepted',
  'acceptance_notice',
  'cancellation_notice',
  'completed',
  'cancelled',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const STAGE_LABELS: Record<ProjectStage, string> = {
  editing: '编辑中',
  notice: '公示中',
  notice_outdated: '待重新公示',
  awaiting_vote: '待表决',
  evote_running: '网上投票中',
  vote_passed: '表决通过',
  vote_failed: '表决未通过',
  awaiting_approval: '待申请立项',
  approval_review: '立项审核中',
  approval_returned: '立项退回',
  approved: '已立项',
  disbursing: '拨付中',
  accepted: '已验收',
  acceptance_notice: '验收公示中',
  cancellation_notice: '撤销公示中',
  completed: '已完成',
  cancelled: '已撤销',
};

/**
 * A stage and, while a notice runs, the stage that follows once its period is over: a notice
 * ends by the calendar, not by a step anyone takes, so the stored stage carries its own end.
 */
export interface StageCourse {
  stage: ProjectStage;
  /** The notice deadline (公示截止日) after which `next` applies. */
  until: string | null;
  next: ProjectStage | null;
}

const fixed = (stage: ProjectStage): StageCourse => ({ stage, until: null, next: null });
const running = (stage: ProjectStage, until: string, next: ProjectStage): StageCourse => ({ stage, until, next });

/** The stage a project's facts put it in; `today` in the facts is not read (see stageOn). */
export function projectStage(f: ProjectFacts): StageCourse {
  if (f.status === 'cancelled') return fixed('cancelled');
  if (f.status === 'completed') return fixed('completed');
  if (f.cancellationNotice) return fixed('cancellation_notice');
  const acceptance = (after: ProjectStage): StageCourse | null => {
    const deadline = f.acceptance.noticeDeadline;
    if (f.acceptance.noticePublished && deadline) return running('acceptance_notice', deadline, after);
    if (f.acceptance.done) return fixed('accepted');
    return null;
  };
  if (f.approval === 'approved') {
    const moving = f.type === 'simple' || f.transferred > 0n || f.phases.some((p) => p.applied > 0n);
    return acceptance('disbursing') ?? fixed(moving ? 'disbursing' : 'approved');
  }
  if (f.approval === 'submitted') return fixed('approval_review');
  if (outdatedNotice(f)) return fixed('notice_outdated');
  const voteDone = f.type === 'emergency' ? f.initiationNotice !== null : f.vote?.passed === true;
  if (f.approval === 'rejected' && voteDone) return fixed('approval_returned');
  if (f.type === 'simple') {
    const accepted = acceptance('awaiting_approval');
    if (accepted) return accepted;
  }
  if (f.vote) return fixed(f.vote.passed ? 'vote_passed' : 'vote_failed');
  // F-82: until the closing job closes it (within a minute of its end), which stores the stage again.
  if (f.evoteOpen) return fixed('evote_running');
  const n = f.initiationNotice;
  if (n?.published) return running('notice', n.deadline, f.type === 'emergency' ? 'awaiting_approval' : 'awaiting_vote');
  return fixed('editing');
}

/** The stage on a given day: the stage after a running notice once its period is over (R-43's reading of the deadline). */
export function stageOn(course: StageCourse, today: string): ProjectStage {
  if (course.until !== null && course.next !== null && noticePeriodOver(course.until, today)) return course.next;
  return course.stage;
}
