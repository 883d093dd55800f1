import { UploadOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import type { RegistrationRequirements } from '../../api/types';
import { ACCEPT_ATTRIBUTE, documentProblem } from './documentCheck';

type DocumentRequirement = RegistrationRequirements['documents'][number];
type UploadChange = Parameters<NonNullable<UploadProps['onChange']>>[0];

export const documentField = (kind: string): `doc_${string}` => `doc_${kind}`;

async function checkDocument(requirement: DocumentRequirement, rule: string, fileList: UploadFile[] | undefined) {
  const file = fileList?.[0]?.originFileObj;
  if (!file) {
    if (requirement.required) throw new Error(`请上传要件：${requirement.label}`);
    return;
  }
  const problem = await documentProblem(file, rule);
  if (problem) throw new Error(`${requirement.label}：${problem}`);
}

/** The chosen file of a document field (files are kept in the form and sent with the registration). */
export function chosenFile(fileList: UploadFile[] | undefined): File | undefined {
  return fileList?.[0]?.originFileObj;
}

/**
 * One upload per kind of document (要件), named `doc_<kind>` like the server's field, so its
 * refusals land under the right upload.
 */
export function DocumentUploads({ documents, rule }: { documents: DocumentRequirement[]; rule: string }) {
  return (
    <>
      <Row gutter={24}>
        {documents.map((d) => (
          <Col key={d.kind} xs={24} md={12} xl={8} data-testid={`document-${d.kind}`}>
            <Form.Item
              name={documentField(d.kind)}
              label={d.label}
              required={d.required}
              valuePropName="fileList"
              getValueFromEvent={(e: UploadChange) => e.fileList.slice(-1)}
              rules={[{ validator: (_, fileList?: UploadFile[]) => checkDocument(d, rule, fileList) }]}
            >
              <Upload accept={ACCEPT_ATTRIBUTE} maxCount={1} listType="picture" beforeUpload={() => false}>
                <Button icon={<UploadOutlined />}>选择图片</Button>
              </Upload>
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary">附件支持JPG、JPEG及PNG格式图片，不能超过1M。</Typography.Text>
    </>
  );
}
