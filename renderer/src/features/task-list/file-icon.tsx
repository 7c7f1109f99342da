// A file-type icon from the name's extension, from one icon set.
import { File, FileArchive, FileAudio, FileCode, FileImage, FileSpreadsheet, FileText, FileVideo, Disc3, Package, type LucideIcon } from 'lucide-react';
import { extensionOf } from './elide';

const BY_EXT: Record<string, LucideIcon> = {};
const add = (icon: LucideIcon, exts: string): void => {
  for (const e of exts.split(' ')) BY_EXT[e] = icon;
};
add(FileArchive, 'zip 7z rar gz tgz bz2 xz zst lz lzma tar z cab');
add(Disc3, 'iso img dmg vhd vhdx vmdk qcow2');
add(Package, 'exe msi deb rpm apk appimage pkg snap flatpak whl jar');
add(FileVideo, 'mp4 mkv webm mov avi wmv flv m4v ts m2ts mpg mpeg');
add(FileAudio, 'mp3 flac wav ogg opus m4a aac wma');
add(FileImage, 'png jpg jpeg gif webp bmp svg tif tiff heic avif ico raw');
add(FileText, 'pdf txt md doc docx odt rtf epub mobi');
add(FileSpreadsheet, 'csv xls xlsx ods tsv');
add(FileCode, 'json xml yaml yml js ts py sh html css c h cpp rs go java sql');

export function iconFor(name: string): LucideIcon {
  const ext = extensionOf(name).toLowerCase();
  if (ext.startsWith('.tar.')) return FileArchive;
  return BY_EXT[ext.slice(1)] ?? File;
}
