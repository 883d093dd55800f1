import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { type CSSProperties, useState } from 'react';
import { fetchOrganisations, OFFICE_ORGS_KEY, useOrganisationDetail } from './api';

interface OrganisationSelectProps {
  value?: number;
  onChange: (id: number | undefined) => void;
  style?: CSSProperties;
}

/** Picks one organisation by typing part of its name or code (searched on the server). */
export function OrganisationSelect({ value, onChange, style }: OrganisationSelectProps) {
  const [search, setSearch] = useState('');
  const matches = useQuery({
    queryKey: [...OFFICE_ORGS_KEY, 'search', search],
    queryFn: () => fetchOrganisations({ page: 1, pageSize: 20, q: search || undefined }),
  });
  // The chosen organisation may not be among the matches (e.g. when arriving from its detail page).
  const chosen = useOrganisationDetail(value);
  const options = (matches.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.code}）` }));
  if (chosen.data && !options.some((o) => o.value === chosen.data.id)) {
    options.unshift({ value: chosen.data.id, label: `${chosen.data.name}（${chosen.data.code}）` });
  }
  return (
    <Select<number>
      aria-label="机构"
      placeholder="全部机构"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(id) => onChange(id ?? undefined)}
      onClear={() => setSearch('')}
      loading={matches.isFetching}
      options={options}
      style={style}
      notFoundContent={matches.isFetching ? '正在查找…' : '没有匹配的机构'}
    />
  );
}
