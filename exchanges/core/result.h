#pragma once

#include <utility>
#include <variant>

// A value or a typed error (std::expected is C++23; this is the part botterm needs).
template <typename T, typename E> class Result final
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    static Result failure(E error) { return Result(std::in_place_index<1>, std::move(error)); }

    bool hasValue() const noexcept { return m_data.index() == 0; }
    explicit operator bool() const noexcept { return hasValue(); }
    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const E& error() const& { return std::get<1>(m_data); }

private:
    template <std::size_t I, typename A>
    Result(std::in_place_index_t<I> index, A&& a)
        : m_data(index, std::forward<A>(a))
    {}
    std::variant<T, E> m_data;
};
