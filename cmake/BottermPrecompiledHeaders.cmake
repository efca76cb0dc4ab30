# Precompiled headers for the libraries: the standard and Qt headers most of their sources include, parsed
# once per library instead of once per source (the tests have their own, tests/support/testpch.h). Each
# library gets its own because GCC uses a precompiled header only with the definitions and options it
# was built with. System headers only, so a change to one of ours rebuilds no more than before.
# -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON builds without them (and checks that every source includes what
# it uses).
set(botterm_pch_std
    <algorithm> <chrono> <cmath> <cstdint> <deque> <functional> <map> <memory> <optional> <span> <string>
    <string_view> <unordered_map> <utility> <variant> <vector>)
set(botterm_pch_core
    <QAbstractTableModel> <QByteArray> <QCoreApplication> <QDateTime> <QElapsedTimer> <QHash> <QJsonArray>
    <QJsonDocument> <QJsonObject> <QJsonValue> <QList> <QObject> <QPointer> <QSet> <QString> <QStringList>
    <QTimer> <QUrl> <QUrlQuery>)
set(botterm_pch_network <QNetworkAccessManager> <QNetworkReply> <QSslConfiguration> <QWebSocket>)
set(botterm_pch_widgets
    <QApplication> <QCheckBox> <QComboBox> <QDialog> <QDialogButtonBox> <QDockWidget> <QFormLayout>
    <QHBoxLayout> <QHeaderView> <QLabel> <QLineEdit> <QMessageBox> <QPainter> <QPushButton>
    <QSortFilterProxyModel> <QStyledItemDelegate> <QTableView> <QToolButton> <QVBoxLayout> <QWidget>)

# botterm_precompile_headers(TARGET [NETWORK] [WIDGETS])
function(botterm_precompile_headers target)
    cmake_parse_arguments(P "NETWORK;WIDGETS" "" "" ${ARGN})
    set(headers ${botterm_pch_std} ${botterm_pch_core})
    if(P_NETWORK)
        list(APPEND headers ${botterm_pch_network})
    endif()
    if(P_WIDGETS)
        list(APPEND headers ${botterm_pch_widgets})
    endif()
    target_precompile_headers(${target} PRIVATE ${headers})
    # Lets ccache cache the sources that use the header (it also needs sloppiness pch_defines,time_macros).
    target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-fpch-preprocess>
        "$<$<CXX_COMPILER_ID:Clang>:SHELL:-Xclang -fno-pch-timestamp>")
endfunction()
