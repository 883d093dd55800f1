/** F-60: what the office reviews, each kind on the one review page `office/review/:source/:id`. */
export const REVIEW_SOURCES = ['application', 'project_request'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

/** The review page of a registry application (业务单) or of a repair project's request (by the request's id). */
export const reviewPath = (source: ReviewSource, id: number) => `/office/review/${source}/${id}`;

/** The page's route parameters as it reads them: a known source and a positive whole id, else nothing to load. */
export function reviewTarget(source: string | undefined, id: string | undefined): { source: ReviewSource; id: number } | null {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0 || !/^\d+$/.test(id ?? '')) return null;
  return REVIEW_SOURCES.find((s) => s === source) ? { source: source as ReviewSource, id: n } : null;
}

/**
 * The review pages' former addresses, still bookmarked and linked from older messages:
 * `office/inbox/:id` (an application) and `office/project-requests/:projectId/:requestId`.
 */
export function formerReviewPath(params: { id?: string; requestId?: string }): string | null {
  if (params.requestId !== undefined) {
    const target = reviewTarget('project_request', params.requestId);
    return target && reviewPath(target.source, target.id);
  }
  const target = reviewTarget('application', params.id);
  return target && reviewPath(target.source, target.id);
}
