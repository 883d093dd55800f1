import { Flex, Image, Tag, Typography } from 'antd';

export interface SubmittedUpload {
  id: number;
  /** The 要件 the upload proves; null for 其他材料. */
  name: string | null;
  fileId: number;
  fileName: string;
}

const isImage = (fileName: string) => /\.(jpe?g|png)$/i.test(fileName);

/** One upload: a thumbnail opening at full size, or (a PDF) a link opening in a new tab. */
function Upload({ u }: { u: SubmittedUpload }) {
  const src = `/api/files/${u.fileId}`;
  return (
    <Flex vertical gap={2} style={{ width: 120 }}>
      {isImage(u.fileName) ? (
        <Image src={src} alt={u.fileName} width={120} height={86} style={{ objectFit: 'cover', border: '1px solid #e5e8ee' }} />
      ) : (
        <Typography.Link href={src} target="_blank" rel="noopener">
          打开 {u.fileName}
        </Typography.Link>
      )}
      <Typography.Text type="secondary" ellipsis={{ tooltip: u.fileName }} style={{ fontSize: 12 }}>
        {u.fileName}
      </Typography.Text>
    </Flex>
  );
}

/**
 * What the office reviews (F-60, F-62): each required 要件 marked 已上传 or 未上传 with its uploads,
 * then any other material.
 */
export function SubmittedDocuments({ required, uploads }: { required: readonly string[]; uploads: readonly SubmittedUpload[] }) {
  const others = uploads.filter((u) => !u.name || !required.includes(u.name));
  return (
    <Image.PreviewGroup>
      <Flex vertical gap={10} data-testid="submitted-documents">
        {required.map((name) => {
          const got = uploads.filter((u) => u.name === name);
          return (
            <Flex key={name} vertical gap={4} data-testid={`submitted-${name}`}>
              <Flex gap={8} align="center">
                <Typography.Text>{name}</Typography.Text>
                {got.length > 0 ? <Tag color="success">已上传</Tag> : <Tag color="error">未上传</Tag>}
              </Flex>
              {got.length > 0 && (
                <Flex wrap gap={8}>
                  {got.map((u) => (
                    <Upload key={u.id} u={u} />
                  ))}
                </Flex>
              )}
            </Flex>
          );
        })}
        {others.length > 0 && (
          <Flex vertical gap={4} data-testid="submitted-其他材料">
            <Typography.Text>其他材料</Typography.Text>
            <Flex wrap gap={8}>
              {others.map((u) => (
                <Upload key={u.id} u={u} />
              ))}
            </Flex>
          </Flex>
        )}
      </Flex>
    </Image.PreviewGroup>
  );
}
