import { Descriptions, type DescriptionsProps, Space, Typography } from 'antd';
import type { OrgView } from '../api/types';
import { formatDateTime } from '../lib/dates';
import { OrgStatusTag, VerifiedTag } from './StatusTags';

/** An organisation's registered details, as the organisation itself and the fund office see them. */
interface OrgDescriptionsProps {
  org: OrgView;
  column?: DescriptionsProps['column'];
  /** Further rows a particular viewer needs, e.g. the user count for the fund office. */
  extraItems?: DescriptionsProps['items'];
}

export function OrgDescriptions({ org, column = 2, extraItems = [] }: OrgDescriptionsProps) {
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: '机构名称', children: org.name },
    { key: 'code', label: '机构代码', children: org.code },
    { key: 'type', label: '机构类型', children: org.typeLabel },
    ...(org.area ? [{ key: 'area', label: '物业区域', children: org.area.name }] : []),
    { key: 'contactPerson', label: '联系人', children: org.contactPerson },
    { key: 'phone', label: '联系电话', children: org.phone },
    { key: 'address', label: '地址', children: org.address },
    { key: 'legalRepresentative', label: '法定代表人（负责人）', children: org.legalRepresentative },
    { key: 'registrationNo', label: '注册编号', children: org.registrationNo ?? '—' },
    { key: 'createdAt', label: '注册时间', children: formatDateTime(org.createdAt) },
    {
      key: 'status',
      label: '状态',
      children: (
        <Space size={8} wrap>
          <OrgStatusTag status={org.status} />
          {org.status === 'suspended' && org.statusReason && <Typography.Text type="danger">原因：{org.statusReason}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'verified', label: '要件原件', children: <VerifiedTag verifiedAt={org.documentsVerifiedAt} /> },
    ...extraItems,
  ];
  return <Descriptions bordered size="small" column={column} items={items} styles={{ label: { width: 170, whiteSpace: 'nowrap' } }} />;
}
