import { Descriptions, Flex } from 'antd';
import type { ApplicationDetail } from '../../../api/types';
import { Section } from '../../../components/Section';
import type { AreaCollectionForm, HouseSupplementForm } from '../forms';
import { AttachmentsPanel } from '../parts/AttachmentsPanel';
import { BuildingsView } from './BuildingsView';
import { BuildingChangeItemsView, HouseChangeItemsView, OwnershipItemsView, PickedHousesView } from './ChangeItemsViews';
import { formSummary } from './formSummary';
import { FundSection } from './FundSection';
import { ItemHousesTable } from './ItemHousesTable';

const count = (app: ApplicationDetail, kind: string) => app.itemCounts[kind] ?? 0;

/** The items of an application, read only, by type. */
function ItemSections({ app }: { app: ApplicationDetail }) {
  switch (app.type) {
    case 'area_collection':
    case 'house_supplement': {
      const { buildings } = app.form as AreaCollectionForm | HouseSupplementForm;
      const collection = app.type === 'area_collection';
      return (
        <>
          {(collection || buildings.length > 0) && (
            <Section title={`${collection ? '楼幢' : '新楼幢'}（${buildings.length} 幢）`}>
              <BuildingsView buildings={buildings} />
            </Section>
          )}
          <Section title={`${collection ? '房屋' : '补充的房屋'}（${count(app, 'house')} 套）`}>
            <ItemHousesTable appId={app.id} />
          </Section>
        </>
      );
    }
    case 'house_change':
      return (
        <Section title={`变更房屋（${count(app, 'house')} 套）`}>
          <HouseChangeItemsView appId={app.id} />
        </Section>
      );
    case 'ownership_change':
      return (
        <Section title={`变更权属的房屋（${count(app, 'owners')} 套）`}>
          <OwnershipItemsView appId={app.id} />
        </Section>
      );
    case 'house_cancellation':
      return (
        <Section title={`注销的房屋（${count(app, 'house')} 套）`}>
          <PickedHousesView appId={app.id} kind="house" refund label="注销的房屋" />
        </Section>
      );
    case 'building_change':
      return (
        <Section title={`变更楼幢（${count(app, 'building')} 幢）`}>
          <BuildingChangeItemsView appId={app.id} />
        </Section>
      );
    case 'house_split_merge':
      return (
        <>
          <Section title={`拆分合并前的房屋（${count(app, 'source')} 套）`}>
            <PickedHousesView appId={app.id} kind="source" label="拆分合并前的房屋" />
          </Section>
          <Section title={`拆分合并后的房屋（${count(app, 'result')} 套）`}>
            <ItemHousesTable appId={app.id} kind="result" label="拆分合并后的房屋" />
          </Section>
          <Section title="附件">
            <AttachmentsPanel appId={app.id} kinds={[]} editable={false} />
          </Section>
        </>
      );
    default:
      return null;
  }
}

/** What an application asks for, read only: its header fields and its items. */
export function ApplicationDetailView({ app }: { app: ApplicationDetail }) {
  const fields = formSummary(app);
  return (
    <Flex vertical gap={16}>
      {fields.length > 0 && (
        <Section title={app.type === 'area_collection' ? '物业区域基本信息' : '基本信息'}>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={fields.map((f) => ({ key: f.label, label: f.label, children: f.value || '—' }))}
          />
        </Section>
      )}
      <ItemSections app={app} />
      {(app.type === 'house_change' ||
        app.type === 'house_cancellation' ||
        app.type === 'building_change' ||
        app.type === 'house_split_merge') && <FundSection app={app} />}
    </Flex>
  );
}
