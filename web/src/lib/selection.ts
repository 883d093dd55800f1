/**
 * antd's table writes English names on its selection checkboxes ("Select all", "Select row 3").
 * Spread into a rowSelection to name the header checkbox in Chinese; each table names its rows
 * through getCheckboxProps (`选择 <row>`).
 */
export const SELECT_PAGE_LABEL = { getTitleCheckboxProps: () => ({ 'aria-label': '全选本页' }) } as const;
