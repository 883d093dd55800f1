import type { ApplicationDetail } from '../../../api/types';
import type { AreaCollectionForm, HouseChangeForm, HouseSupplementForm, ReasonForm } from '../forms';

/** The header fields of an application as label/value pairs, for the review page and the printed form. */
export function formSummary(app: ApplicationDetail): { label: string; value: string }[] {
  switch (app.type) {
    case 'area_collection': {
      const { area } = app.form as AreaCollectionForm;
      return [
        { label: '物业区域名称', value: area.name },
        { label: '区县', value: area.district },
        { label: '街道', value: area.street },
        { label: '物业区域地址', value: area.address },
        { label: '交存时点', value: area.depositTiming },
        { label: '备注', value: area.remark },
      ];
    }
    case 'house_supplement':
      return [{ label: '交存时点', value: (app.form as HouseSupplementForm).depositTiming }];
    case 'house_change': {
      const f = app.form as HouseChangeForm;
      return [{ label: '变更原因', value: f.reason }];
    }
    case 'house_cancellation':
      return [{ label: '注销原因', value: (app.form as ReasonForm).reason }];
    case 'building_change':
      return [{ label: '变更原因', value: (app.form as ReasonForm).reason }];
    case 'house_split_merge':
      return [{ label: '拆分合并原因', value: (app.form as ReasonForm).reason }];
    default:
      return [];
  }
}

/** What each kind of item is called, for counts. */
export const KIND_LABELS: Record<string, { label: string; unit: string }> = {
  house: { label: '房屋', unit: '套' },
  owners: { label: '变更权属的房屋', unit: '套' },
  building: { label: '楼幢', unit: '幢' },
  source: { label: '拆分合并前的房屋', unit: '套' },
  result: { label: '拆分合并后的房屋', unit: '套' },
};
