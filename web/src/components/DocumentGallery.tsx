import { Empty, Flex, Image, Typography } from 'antd';
import type { OrgDocument } from '../api/types';

const THUMB = { width: 160, height: 120 };

/** The uploaded documents (要件) as thumbnails that open in a full-size preview. */
export function DocumentGallery({ documents }: { documents: OrgDocument[] }) {
  if (documents.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未上传要件" />;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={16}>
        {documents.map((d) => (
          <figure key={d.id} style={{ margin: 0, width: THUMB.width }}>
            <Image
              src={`/api/files/${d.fileId}`}
              alt={d.label}
              width={THUMB.width}
              height={THUMB.height}
              style={{ objectFit: 'cover', border: '1px solid #e5e8ee', borderRadius: 6, background: '#fafafa' }}
            />
            <figcaption>
              <Typography.Text strong style={{ display: 'block', marginTop: 6 }}>
                {d.label}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis={{ tooltip: d.fileName }} style={{ fontSize: 12, width: THUMB.width }}>
                {d.fileName}
              </Typography.Text>
            </figcaption>
          </figure>
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
