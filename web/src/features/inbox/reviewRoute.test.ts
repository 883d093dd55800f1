import { describe, expect, it } from 'vitest';
import { formerReviewPath, reviewPath, reviewTarget } from './reviewRoute';

describe('the one review page', () => {
  it('F-60 reads the source and the id of its address: a registry application or a project request', () => {
    expect(reviewTarget('application', '12')).toEqual({ source: 'application', id: 12 });
    expect(reviewTarget('project_request', '7')).toEqual({ source: 'project_request', id: 7 });
    expect(reviewPath('project_request', 7)).toBe('/office/review/project_request/7');
    expect(reviewPath('application', 12)).toBe('/office/review/application/12');
  });

  it('F-60 loads nothing for an unknown source or an id that is not a positive whole number', () => {
    for (const [source, id] of [
      ['refund', '3'],
      ['applications', '3'],
      [undefined, '3'],
      ['application', '0'],
      ['application', '-4'],
      ['application', '1.5'],
      ['application', '1e3'],
      ['project_request', 'abc'],
      ['project_request', undefined],
    ] as const) {
      expect(reviewTarget(source, id), `${source}/${id}`).toBeNull();
    }
  });

  it('F-41 F-60 sends the former addresses to the one page, a project request by its own id', () => {
    expect(formerReviewPath({ id: '31' })).toBe('/office/review/application/31');
    expect(formerReviewPath({ requestId: '9' })).toBe('/office/review/project_request/9');
    expect(formerReviewPath({ id: 'x' })).toBeNull();
  });
});
