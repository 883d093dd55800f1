import { Input } from 'antd';

/** 按房号查找 in a project's house lists: 楼幢、单元、房号 or a part of the address, searched on the server. */
export function HouseNumberSearch({ onSearch }: { onSearch: (text: string) => void }) {
  return (
    <Input.Search
      aria-label="按房号查找"
      placeholder="房号，如 2栋1单元101"
      allowClear
      onSearch={(text) => onSearch(text.trim())}
      style={{ width: 240 }}
    />
  );
}
