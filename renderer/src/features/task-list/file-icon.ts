// A file-type icon from the name's extension, from one icon set.
import { extensionOf } from './elide';
import type { RowIconName } from './row-icons';

const BY_EXT: Record<string, RowIconName> = {};
const add = (icon: RowIconName, exts: string): void => {
  for (const e of exts.split(' ')) BY_EXT[e] = icon;
};
add('file-archive', 'zip 7z rar gz tgz bz2 xz zst lz lzma tar z cab');
add('disc', 'iso img dmg vhd vhdx vmdk qcow2');
add('package', 'exe msi deb rpm apk appimage pkg snap flatpak whl jar');
add('file-video', 'mp4 mkv webm mov avi wmv flv m4v ts m2ts mpg mpeg');
add('file-audio', 'mp3 flac wav ogg opus m4a aac wma');
add('file-image', 'png jpg jpeg gif webp bmp svg tif tiff heic avif ico raw');
add('file-text', 'pdf txt md doc docx odt rtf epub mobi');
add('file-spreadsheet', 'csv xls xlsx ods tsv');
add('file-code', 'json xml yaml yml js ts py sh html css c h cpp rs go java sql');

export function iconFor(name: string): RowIconName {
  const ext = extensionOf(name).toLowerCase();
  if (ext.startsWith('.tar.')) return 'file-archive';
  return BY_EXT[ext.slice(1)] ?? 'file';
}
