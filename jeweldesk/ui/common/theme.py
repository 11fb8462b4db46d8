"""A calm, readable look: Fusion, a warm neutral palette, one accent colour."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2d6a7f"
SIDEBAR = "#263238"

STYLE_SHEET = f"""
QListWidget#nav {{
    background: {SIDEBAR}; color: #dfe6e9; border: none; padding-top: 8px;
    font-size: 11pt;
}}
QListWidget#nav::item {{ padding: 10px 18px; border: none; }}
QListWidget#nav::item:selected {{
    background: #37474f; color: white; border-left: 4px solid #7fb8c9;
}}
QListWidget#nav::item:hover:!selected {{ background: #2e3c43; }}
QToolBar#top {{
    background: #fbfaf8; border: none; border-bottom: 1px solid #dcd9d3;
    padding: 8px 12px; spacing: 10px;
}}
QToolBar#top QLineEdit {{ padding: 6px 8px; font-size: 11pt; }}
QLabel#who {{ color: #37474f; font-weight: 600; padding: 0 6px; }}
QPushButton {{ padding: 5px 14px; }}
QPushButton#primary {{
    background: {ACCENT}; color: white; border: 1px solid #235566; border-radius: 3px;
    font-weight: 600; padding: 6px 16px;
}}
QPushButton#primary:hover {{ background: #357c94; }}
QListWidget#searchResults {{
    border: 1px solid #b9c3c7; background: white; padding: 2px;
}}
QListWidget#searchResults::item {{ padding: 4px 6px; }}
QHeaderView::section {{
    background: #f1efeb; border: none; border-bottom: 1px solid #d6d2cb;
    border-right: 1px solid #e4e1dc; padding: 5px 6px; font-weight: 600;
}}
QTableView {{ gridline-color: #ebe8e3; selection-background-color: {ACCENT}; }}
QStatusBar {{ background: #fbfaf8; border-top: 1px solid #dcd9d3; }}
"""


def calm_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#f6f5f2",
        QPalette.ColorRole.WindowText: "#1f2328",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f8f7f4",
        QPalette.ColorRole.ToolTipBase: "#fffdf3",
        QPalette.ColorRole.ToolTipText: "#1f2328",
        QPalette.ColorRole.PlaceholderText: "#8a8f96",
        QPalette.ColorRole.Text: "#1f2328",
        QPalette.ColorRole.Button: "#efede9",
        QPalette.ColorRole.ButtonText: "#1f2328",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa0a6"))
    return palette


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setPalette(calm_palette())
    font = QFont(app.font())
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
