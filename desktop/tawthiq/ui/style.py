"""The window's few styles: suggestions in amber until checked, problems in red, hints grey,
what is asked of the documenter (a guess to correct) in deep orange."""

SUGGESTED_COLOUR = "#fff3cd"  # a value the extractor suggested and no person has checked

STYLE = """
*[suggested="true"] { background: #fff3cd; }
*[invalid="true"] { border: 1px solid #c62828; background: #fdecea; }
QComboBox QAbstractItemView { background: #ffffff; color: #202020;
                              selection-background-color: #2f6fb0; selection-color: #ffffff; }
QComboBox { selection-background-color: #2f6fb0; selection-color: #ffffff; }
QLabel#error { color: #c62828; }
QLabel#hint { color: #666666; font-size: 9pt; }
QLabel#ask { color: #bf360c; font-size: 9pt; }
QLabel#heading { font-weight: bold; }
QLabel#status { color: #5d4037; }
QToolButton#badge { background: #ffe08a; border: 1px solid #e0b000; border-radius: 3px;
                    padding: 0 3px; }
QToolButton#badge[unsure="true"] { background: #ffc4a8; border-color: #d84315; }
QPushButton#primary { font-weight: bold; padding: 4px 14px; }
QGroupBox { font-weight: bold; margin-top: 1.1em; padding-top: 2px; }
QGroupBox::title { subcontrol-origin: margin; subcontrol-position: top left; left: 8px;
                   padding: 0 3px; }
QGroupBox QLabel, QGroupBox QLineEdit, QGroupBox QComboBox, QGroupBox QListWidget,
QGroupBox QPlainTextEdit, QGroupBox QToolButton { font-weight: normal; }
"""
