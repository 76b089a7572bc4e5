"""Photos among the evidence files, through Pillow: what a photo says of itself (when it
was taken, which camera), a copy safe to share, and a small thumbnail.

A copy to share is cleaned of everything but its pixels: JPEG, PNG, WebP and TIFF photos
are decoded, turned as their orientation says, and encoded again from the bare pixels, so
no EXIF (GPS position, camera, times), XMP, IPTC, ICC profile or comment survives. Faces or
anything else can be blurred by rectangles chosen by hand (no automatic detection). Other
files (videos, recordings, PDF and other documents, GIF, several-frame images) Tawthiq
cannot clean: it refuses to make a copy of them rather than hand over their metadata.
"""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.store.evidence_store import FileStore

CLEANED = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/tiff": "tiff"}
MAX_PIXELS = 100_000_000  # a photo larger than this is not decoded (a decompression bomb)
MAX_IMAGE_BYTES = 256 * 1024 * 1024
THUMBNAIL = 256
_PILLOW = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/tiff": "TIFF"}

Box = tuple[int, int, int, int]  # x, y, width, height in the photo as it is shown


@dataclass(frozen=True, slots=True)
class PhotoFacts:
    taken_at: str | None = None  # ISO 8601, from EXIF DateTimeOriginal
    device: str | None = None  # camera make and model, from EXIF


def photo_facts(path: Path) -> PhotoFacts:
    """When and with what a photo says it was taken (EXIF), or nothing for other files."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            exif = img.getexif()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return PhotoFacts()
    taken = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)  # DateTimeOriginal, DateTime
    make, model = (str(exif.get(t) or "").strip("\x00 ") for t in (0x010F, 0x0110))
    device = " ".join(p for p in (make, model if not model.startswith(make) else "") if p)
    if make and model.startswith(make):
        device = model
    return PhotoFacts(taken_at=_iso(taken), device=device or None)


def _iso(value: object) -> str | None:
    """EXIF's "2024:03:05 14:22:01" as "2024-03-05T14:22:01"."""
    text = str(value or "").strip("\x00 ")
    if len(text) < 19 or text[4] != ":" or text[7] != ":":
        return None
    iso = f"{text[:4]}-{text[5:7]}-{text[8:10]}T{text[11:19]}"
    return iso if iso[:4].isdigit() and iso[11:13].isdigit() else None


def _not_cleanable(name: str, kind: str) -> ValidationError:
    return ValidationError(
        N_(
            "{name} ({kind}) cannot be cleaned of its metadata by Tawthiq (it cleans JPEG, PNG, "
            "WebP and TIFF photos only), so no copy to share was made; the original is kept"
        ),
        name=name,
        kind=kind,
    )


def _decoded(data: bytes, name: str, kind: str):  # type: ignore[no-untyped-def]
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        img = Image.open(io.BytesIO(data))
        if getattr(img, "n_frames", 1) > 1:
            raise _not_cleanable(name, f"{kind}, several frames")
        img.load()
        shown = ImageOps.exif_transpose(img) or img
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            N_("{name} is not a photo Tawthiq can read, so no copy to share was made"),
            name=name,
        ) from None
    if shown.mode in ("P", "PA", "LA", "1"):
        alpha = "transparency" in shown.info or "A" in shown.mode
        shown = shown.convert("RGBA" if alpha else "RGB")
    # only the pixels go on: a new image carries none of the old one's information
    return Image.frombytes(shown.mode, shown.size, shown.tobytes())


def _blurred(img, boxes: Sequence[Box]):  # type: ignore[no-untyped-def]
    from PIL import Image, ImageFilter

    for x, y, w, h in boxes:
        if w <= 0 or h <= 0:
            raise ValidationError(N_("a region to blur needs a width and a height above 0"))
        left, top = max(0, x), max(0, y)
        right, bottom = min(img.width, x + w), min(img.height, y + h)
        if right <= left or bottom <= top:
            raise ValidationError(
                N_("the region {x},{y},{w},{h} lies outside the photo ({width}x{height})"),
                x=x, y=y, w=w, h=h, width=img.width, height=img.height,
            )  # fmt: skip
        region = img.crop((left, top, right, bottom))
        rw, rh = region.size
        # pixelated to blocks of an eighth of the region, then blurred: nothing of a face
        # can be read back from it
        small = region.resize((max(1, rw // 8), max(1, rh // 8)), Image.Resampling.BILINEAR)
        region = small.resize((rw, rh), Image.Resampling.NEAREST)
        region = region.filter(ImageFilter.GaussianBlur(radius=max(4, max(rw, rh) // 10)))
        img.paste(region, (left, top))
    return img


@dataclass(frozen=True, slots=True)
class SharedCopy:
    path: Path
    sha256: str  # of the original, which the copy was made from and which is unchanged


def share_copy(
    store: FileStore,
    sha256: str,
    folder: Path,
    *,
    media_type: str,
    name: str = "",
    blur: Sequence[Box] = (),
) -> SharedCopy:
    """A copy of photo ``sha256`` in ``folder`` with its metadata removed (and ``blur``'s
    rectangles blurred); refused, with a sentence saying so, for a file it cannot clean.
    Named after the original's SHA-256, never after the name it came under."""
    label = name or sha256[:12]
    if media_type not in CLEANED:
        raise _not_cleanable(label, media_type)
    if not folder.is_dir():
        raise ValidationError(N_("the folder {path} does not exist"), path=folder)
    if store.size_of(sha256) > MAX_IMAGE_BYTES:
        raise _not_cleanable(label, f"{media_type}, over {MAX_IMAGE_BYTES // 2**20} MB")
    img = _blurred(_decoded(b"".join(store.read(sha256)), label, media_type), blur)
    out = io.BytesIO()
    kind = _PILLOW[media_type]
    if kind == "JPEG" and img.mode not in ("RGB", "L", "CMYK"):
        img = img.convert("RGB")
    options: dict[str, object] = {"quality": 92} if kind in ("JPEG", "WEBP") else {}
    img.save(out, format=kind, **options)
    # a name of its own: one made from the original's SHA-256 would tie the published copy
    # to whoever holds the original (a source's seized phone)
    target = folder / f"shared-{secrets.token_hex(6)}.{CLEANED[media_type]}"
    _write(target, out.getvalue())
    return SharedCopy(target, sha256)


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(
            N_("cannot write {path}: {reason}"), path=path, reason=exc.strerror
        ) from None


def oriented(data: bytes, name: str, media_type: str) -> bytes:
    """A photo as the copy to share is made from it (turned as its orientation says, only
    its pixels), as PNG: what the window shows to choose the regions to blur, so a
    rectangle drawn there covers the same pixels in the copy."""
    img = _decoded(data, name, media_type)
    if img.mode not in ("RGB", "RGBA", "L"):
        img = img.convert("RGB")
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def thumbnail(
    store: FileStore, sha256: str, media_type: str, size: int = THUMBNAIL
) -> bytes | None:
    """A small PNG of a photo (turned as its orientation says; no metadata), for the window
    and the PDF; None for a file that is not a photo Tawthiq reads."""
    if media_type not in CLEANED and media_type != "image/gif":
        return None
    if store.size_of(sha256) > MAX_IMAGE_BYTES:
        return None
    try:
        img = _decoded(b"".join(store.read(sha256)), sha256[:12], media_type)
    except ValidationError:
        return None
    img.thumbnail((size, size))
    if img.mode not in ("RGB", "RGBA", "L"):
        img = img.convert("RGB")
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()
