#include "instrument.h"

QString categoryName(Category category)
{
    switch (category) {
    case Category::Spot:
        return QStringLiteral("spot");
    case Category::Linear:
        return QStringLiteral("linear");
    case Category::Inverse:
        return QStringLiteral("inverse");
    case Category::Option:
        return QStringLiteral("option");
    }
    return {};
}

std::optional<Category> categoryFromName(const QString& name)
{
    for (Category c : {Category::Spot, Category::Linear, Category::Inverse, Category::Option}) {
        if (categoryName(c) == name)
            return c;
    }
    return std::nullopt;
}
