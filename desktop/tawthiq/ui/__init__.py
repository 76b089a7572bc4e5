"""The desktop window (PySide6). The only package that imports Qt; it reaches the rest of
Tawthiq through ``tawthiq.services`` (the ``Desk``) and ``tawthiq.i18n``."""
