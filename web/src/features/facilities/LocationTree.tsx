import { Tree, TreeSelect, type TreeSelectProps } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { LoadingOrError } from '../../components/LoadingOrError';
import { type LocationTree as Locations, useLocationTree } from './api';

export const AREA_KEY = 'area';
export const buildingKey = (id: number) => `building:${id}`;
export const unitKey = (id: number) => `unit:${id}`;

interface Node {
  key: string;
  title: string;
  count: number;
  children?: Node[];
}

/** The area (shared facilities) → buildings → units; a building without units has no children. */
function nodesOf(tree: Locations): Node {
  return {
    key: AREA_KEY,
    title: `${tree.area.name}（全区共有）`,
    count: tree.area.count,
    children: tree.buildings.map((b) => ({
      key: buildingKey(b.id),
      title: b.name,
      count: b.count,
      children: b.units.map((u) => ({ key: unitKey(u.id), title: u.name, count: u.count })),
    })),
  };
}

/** "侨城花园 1栋 2单元" for a location key, as the list shows it. */
export function locationName(tree: Locations | undefined, key: string): string {
  if (!tree) return '';
  if (key === AREA_KEY) return `${tree.area.name}（全区共有）`;
  for (const b of tree.buildings) {
    if (key === buildingKey(b.id)) return `${tree.area.name} ${b.name}`;
    const u = b.units.find((x) => key === unitKey(x.id));
    if (u) return `${tree.area.name} ${b.name} ${u.name}`;
  }
  return '';
}

const toTreeData = (n: Node): DataNode => ({
  key: n.key,
  title: (
    <span>
      {n.title}
      <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 6 }}>({n.count})</span>
    </span>
  ),
  children: n.children?.map(toTreeData),
});

interface LocationTreeProps {
  areaId: number;
  /** Counts only facilities of this type. */
  typeId?: number;
  value: string;
  onChange: (key: string) => void;
}

/**
 * 安装位置 (manual §1.4.1 step 4): the area's places with the number of facilities installed at
 * each; also used where a project picks its facilities (请选择设施设备).
 */
export function LocationTree({ areaId, typeId, value, onChange }: LocationTreeProps) {
  const tree = useLocationTree(areaId, typeId);
  if (!tree.data) return <LoadingOrError query={tree} />;
  const root = nodesOf(tree.data);
  return (
    <Tree
      aria-label="安装位置"
      blockNode
      defaultExpandedKeys={[AREA_KEY, ...(root.children?.slice(0, 1).map((b) => b.key) ?? [])]}
      selectedKeys={[value]}
      onSelect={(keys) => {
        const key = keys[0];
        if (typeof key === 'string') onChange(key);
      }}
      treeData={[toTreeData(root)]}
      style={{ background: 'transparent' }}
    />
  );
}

/** 移动到: the same places as a drop-down. */
export function LocationSelect({ areaId, ...rest }: { areaId: number } & Omit<TreeSelectProps<string>, 'treeData'>) {
  const tree = useLocationTree(areaId);
  const asOption = (n: Node): NonNullable<TreeSelectProps['treeData']>[number] => ({
    value: n.key,
    title: n.title,
    children: n.children?.map(asOption),
  });
  return (
    <TreeSelect<string>
      treeDefaultExpandAll
      loading={tree.isPending}
      treeData={tree.data ? [asOption(nodesOf(tree.data))] : []}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}
