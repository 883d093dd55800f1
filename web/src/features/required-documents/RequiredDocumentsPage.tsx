import { SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Select, Typography } from 'antd';
import { api, call } from '../../api/client';
import type { ApiBody, ApiResponse } from '../../api/types';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { LoadingOrError } from '../../components/LoadingOrError';
import { Page } from '../../components/Page';
import { useFormMutation } from '../../lib/useFormMutation';
import { REQUIRED_DOCUMENTS_KEY } from './api';

type Lists = ApiBody<'/api/office/required-documents', 'put'>;
type Item = ApiResponse<'/api/office/required-documents'>['items'][number];

const KEY = ['office', 'required-documents'] as const;

/** 要件设置 (F-62): per type of request, the documents the window checks at 受理; saved = in force for the next 受理. */
export function RequiredDocumentsPage() {
  const query = useQuery({ queryKey: KEY, queryFn: () => call(api.GET('/api/office/required-documents')) });
  return (
    <Page title="要件设置">
      <Typography.Paragraph type="secondary">
        每类业务受理时须收齐的纸质材料。申请人在上传要件处看到本清单；受理员受理时逐项勾选，未收齐不能受理。每类最多 15 项，每项 1–30
        个字，不得重复；输入名称后按回车添加，点击 × 删除。
      </Typography.Paragraph>
      {query.data ? <ListsForm items={query.data.items} /> : <LoadingOrError query={query} />}
    </Page>
  );
}

function ListsForm({ items }: { items: Item[] }) {
  const [form] = Form.useForm<Lists>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useFormMutation(
    form,
    (values: Lists) =>
      call(
        api.PUT('/api/office/required-documents', {
          body: Object.fromEntries(items.map((i) => [i.type, (values[i.type] ?? []).map((d) => d.trim())])) as Lists,
        }),
      ),
    {
      onSuccess: (saved) => {
        message.success('要件设置已保存');
        queryClient.setQueryData(KEY, saved);
        queryClient.invalidateQueries({ queryKey: REQUIRED_DOCUMENTS_KEY });
      },
    },
  );
  const initial = Object.fromEntries(items.map((i) => [i.type, i.documents])) as Lists;
  return (
    <Form<Lists> form={form} initialValues={initial} onFinish={save.onFinish} labelCol={{ flex: '220px' }} labelWrap>
      <FormErrorAlert error={save.error} />
      {items.map((i) => (
        <Form.Item key={i.type} name={i.type} label={i.label} data-testid={`required-${i.type}`}>
          <Select
            mode="tags"
            aria-label={`${i.label}的要件`}
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，']}
            placeholder="无需要件"
          />
        </Form.Item>
      ))}
      <Form.Item label=" " colon={false}>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={save.isPending}>
          保存
        </Button>
      </Form.Item>
    </Form>
  );
}
